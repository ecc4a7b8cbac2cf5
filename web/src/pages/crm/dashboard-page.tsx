// /crm/dashboard[/:key]: the tenant's dashboards (default first, tabs when several), fed by the
// metrics endpoint and refreshed when records change.
import { useMemo, useState } from "react";
import { Link, NavLink, useParams } from "react-router";
import { getDashboardMetrics } from "../../api/work";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { dashboardEntries } from "../../config/crm-links";
import { titleCase } from "../../config/labels";
import { DashboardRenderer } from "../../renderers/dashboard/dashboard-renderer";
import { useRuntimeConfigStore } from "../../state/runtime-config";
import { useApiQuery } from "../../state/server-state";
import { useSession } from "../../state/session";
import { useLive } from "./use-live";

export function DashboardPage() {
  const { key } = useParams();
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const configStatus = useRuntimeConfigStore((s) => s.status);
  const role = useSession((s) => s.role);
  const dashboards = useMemo(() => dashboardEntries(snapshot), [snapshot]);
  const [tick, setTick] = useState(0);
  const metrics = useApiQuery(["dashboard", "metrics"], (signal) => getDashboardMetrics(signal));
  // Records changed: the numbers and the widgets' rows are asked again, the last ones shown meanwhile.
  useLive(
    (m) => m.type === "record.changed" || m.type === "sla.breached" || m.type === "activity.created",
    () => {
      metrics.reload();
      setTick((t) => t + 1);
    },
    1500,
  );

  if (!snapshot && configStatus === "loading") return <Loading label="Loading configuration…" />;
  const current = dashboards.find(([k]) => k === key) ?? (key ? undefined : dashboards[0]);
  if (!current) {
    return (
      <div className="page">
        <PageHeader title="Dashboard" />
        <EmptyState title={key ? `There is no dashboard “${key}”` : "No dashboard is published yet"}>
          {role === "admin" ? (
            <p>
              Publish a <code>dashboard/tenant/default</code> config in the <Link to="/studio">Studio</Link>.
            </p>
          ) : null}
        </EmptyState>
      </div>
    );
  }
  const [, config] = current;

  return (
    <div className="page page-wide">
      <PageHeader title={config.title || "Dashboard"} />
      {dashboards.length > 1 && (
        <nav className="tabs" aria-label="Dashboards">
          {dashboards.map(([k, d]) => (
            <NavLink
              key={k}
              to={k === dashboards[0]![0] ? "/crm/dashboard" : `/crm/dashboard/${k}`}
              end
              className="tab"
            >
              {d.title || titleCase(k)}
            </NavLink>
          ))}
        </nav>
      )}
      {metrics.status === "error" && !metrics.data && (
        <ErrorState title="Couldn't load the numbers" error={metrics.error} onRetry={metrics.reload} />
      )}
      <DashboardRenderer config={config} metrics={metrics.data} refresh={tick} />
    </div>
  );
}
