// A `dashboard/tenant/<key>` config: metric, bar, line, pie and table widgets over the metrics
// endpoint, refreshed when records change.
import type { DashboardConfig } from "@shared/config/dashboard";
import { Link } from "react-router";
import type { DashboardMetrics } from "../../api/crm-types";
import { EmptyState } from "../../components/status";
import { useView } from "../../state/config-hooks";
import { ChartWidget } from "./chart-widget";
import { chartPoints, formatMetric, metricAt } from "./metric-path";
import { ViewWidget } from "./view-widget";

type Widget = DashboardConfig["widgets"][number];

export function DashboardRenderer({
  config,
  metrics,
  refresh,
}: {
  config: DashboardConfig;
  metrics: DashboardMetrics | undefined;
  refresh: number;
}) {
  if (config.widgets.length === 0) return <EmptyState title="This dashboard has no widgets yet" />;
  return (
    <ul className="widget-grid" aria-label={config.title}>
      {config.widgets.map((widget, i) => (
        <li key={`${widget.title}-${i}`} className={`widget widget-${widget.type}`}>
          <h2 className="widget-title">{widget.title}</h2>
          <WidgetBody widget={widget} metrics={metrics} refresh={refresh} />
        </li>
      ))}
    </ul>
  );
}

function WidgetBody({
  widget,
  metrics,
  refresh,
}: {
  widget: Widget;
  metrics: DashboardMetrics | undefined;
  refresh: number;
}) {
  const value = metricAt(metrics, widget.metric);
  switch (widget.type) {
    case "metric":
      return (
        <>
          <p className="metric-value">{metrics ? formatMetric(widget.metric, value) : "…"}</p>
          {widget.entity && widget.view && <ViewLink entity={widget.entity} viewKey={widget.view} />}
        </>
      );
    case "bar":
    case "line":
    case "pie":
      return <ChartWidget kind={widget.type} points={chartPoints(value)} title={widget.title} />;
    case "table":
      return widget.entity && widget.view ? (
        <ViewWidget entity={widget.entity} viewKey={widget.view} refresh={refresh} />
      ) : (
        <PointsTable value={value} title={widget.title} />
      );
  }
}

function ViewLink({ entity, viewKey }: { entity: string; viewKey: string }) {
  const view = useView(entity, viewKey);
  return view ? (
    <Link className="widget-link" to={`/crm/${entity}/views/${viewKey}`}>
      {view.title}
    </Link>
  ) : null;
}

function PointsTable({ value, title }: { value: unknown; title: string }) {
  const points = chartPoints(value);
  if (points.length === 0) return <p className="muted">No data yet.</p>;
  return (
    <table className="table table-compact">
      <caption className="visually-hidden">{title}</caption>
      <tbody>
        {points.map((p) => (
          <tr key={p.name}>
            <th scope="row">{p.name}</th>
            <td className="num">{p.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
