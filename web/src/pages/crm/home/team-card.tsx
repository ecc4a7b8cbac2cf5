// Managers' home: the team's service levels and open work at a glance (the dashboard metrics).
import { Link } from "react-router";
import { getDashboardMetrics } from "../../../api/work";
import { metricAt } from "../../../renderers/dashboard/metric-path";
import { formatNumber, formatPercent } from "../../../renderers/shared/format";
import { useLive } from "../use-live";
import { useOptional } from "../use-optional";

export function TeamSlaCard() {
  const metrics = useOptional("dashboard-metrics", (signal) => getDashboardMetrics(signal), []);
  useLive((m) => m.type === "sla.breached" || m.type === "record.changed", metrics.reload, 2000);
  if (metrics.unavailable) return null;
  const n = (path: string) => metricAt(metrics.data, path);
  const breached = Number(n("cases.breached") ?? 0);
  const stats: Array<[string, string, string?]> = [
    ["SLA compliance", formatPercent(n("cases.slaCompliance"))],
    ["Breached, still open", formatNumber(breached), breached > 0 ? "text-danger" : undefined],
    ["Open cases", formatNumber(n("cases.open"))],
    [
      "Overdue activities",
      formatNumber(n("activities.overdue")),
      Number(n("activities.overdue") ?? 0) > 0 ? "text-danger" : undefined,
    ],
  ];
  return (
    <section className="panel home-card" aria-labelledby="home-team">
      <header className="home-card-header">
        <h2 className="panel-title" id="home-team">
          Team service levels
        </h2>
        <Link to="/crm/dashboard">Dashboard</Link>
      </header>
      {metrics.status === "error" && !metrics.data ? (
        <p className="muted home-note">Couldn't load the numbers.</p>
      ) : !metrics.data ? (
        <p className="muted home-note">Loading…</p>
      ) : (
        <dl className="home-stats">
          {stats.map(([label, value, tone]) => (
            <div key={label} className="home-stat">
              <dt className="muted">{label}</dt>
              <dd className={tone}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
