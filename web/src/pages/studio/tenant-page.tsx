// /studio/tenant: this workspace's placement and its usage against each fair-share limit.
import { getTenantInfo, type TenantLimit } from "../../api/tenant";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/status";
import { keys, useApiQuery } from "../../state/server-state";

// What each limit means, in the words an admin would use.
const LIMITS: Record<string, { label: string; unit?: string }> = {
  requestsPerTenant: { label: "Requests per minute (workspace)" },
  requestsPerUser: { label: "Requests per minute (each person)" },
  writesPerTenant: { label: "Changes per minute (workspace)" },
  concurrentRequestsPerTenant: { label: "Requests worked on at once (workspace)" },
  waitingRequestsPerTenant: { label: "Requests waiting their turn (workspace)" },
  socketsPerUser: { label: "Open connections (each person)" },
  socketsPerTenant: { label: "Open connections (workspace)" },
  draftBytes: { label: "Size of one config draft", unit: "bytes" },
  snapshotBytes: { label: "Size of the published configuration", unit: "bytes" },
  shardBytes: { label: "Size of the database holding this workspace (shared with others on it)", unit: "bytes" },
  automations: { label: "Automations" },
  queuedRuns: { label: "Automation runs waiting" },
  runsPerTenant: { label: "Automation runs per minute" },
};

const number = new Intl.NumberFormat();
const formatValue = (n: number, unit?: string) =>
  unit === "bytes" ? `${number.format(Math.round(n / 1024))} KB` : number.format(n);

export function TenantPage() {
  const info = useApiQuery(keys.admin("tenant"), (signal) => getTenantInfo(signal));
  return (
    <div className="page">
      <PageHeader
        title="Workspace limits"
        description={
          "Every workspace gets a fair share of the platform. Past a rate limit requests are answered “try again " +
          "shortly”; past a size or count limit the change is refused."
        }
      />
      {info.status === "error" ? (
        <ErrorState title="Couldn't load the workspace" error={info.error} onRetry={info.reload} />
      ) : !info.data ? (
        <Loading label="Loading limits…" />
      ) : (
        <>
          <p className="muted">
            {info.data.tenant.name} · <span className="mono">{info.data.tenant.slug}</span> · data in{" "}
            <span className="mono">{info.data.shard}</span>
          </p>
          <div className="toolbar">
            <button type="button" className="button button-small" onClick={info.reload}>
              Refresh
            </button>
          </div>
          <LimitTable limits={info.data.limits} />
        </>
      )}
    </div>
  );
}

function LimitTable({ limits }: { limits: Record<string, TenantLimit> }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Usage and limits</caption>
        <thead>
          <tr>
            <th scope="col">Limit</th>
            <th scope="col">Name</th>
            <th scope="col">Used</th>
            <th scope="col">Limit</th>
            <th scope="col">Share used</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(limits).map(([name, { limit, used }]) => {
            const meta = LIMITS[name] ?? { label: name };
            const share = used === null ? null : Math.min(100, Math.round((used / limit) * 100));
            return (
              <tr key={name}>
                <td>{meta.label}</td>
                <td className="mono">{name}</td>
                <td>{used === null ? <span className="muted">per person</span> : formatValue(used, meta.unit)}</td>
                <td>{formatValue(limit, meta.unit)}</td>
                <td>
                  {share === null ? (
                    "—"
                  ) : (
                    <meter
                      min={0}
                      max={100}
                      value={share}
                      aria-label={`${meta.label}: ${share}% used`}
                      title={`${share}%`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
