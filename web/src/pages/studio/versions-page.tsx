// /studio/versions: every publish and rollback, newest first.
import { listConfigVersions } from "../../api/config";
import { Badge, type BadgeTone } from "../../components/badge";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { formatActor, formatDateTime } from "../../lib/format";
import { useAsync } from "../../lib/use-async";
import { useRuntimeConfigStore } from "../../state/runtime-config";

export function VersionsPage() {
  const current = useRuntimeConfigStore((s) => s.version);
  // Refetch when a publish lands, so the list never trails the live version.
  const versions = useAsync((signal) => listConfigVersions(signal), [current]);

  return (
    <div className="page">
      <PageHeader title="Versions" description="Each publish or rollback makes a new, immutable version." />
      {versions.status === "loading" && !versions.data ? (
        <Loading label="Loading versions…" />
      ) : versions.status === "error" ? (
        <ErrorState title="Couldn't load versions" error={versions.error} onRetry={versions.reload} />
      ) : !versions.data?.length ? (
        <EmptyState title="Nothing published yet" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">Version</th>
                <th scope="col">Published</th>
                <th scope="col">By</th>
                <th scope="col">Message</th>
                <th scope="col">Items</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version}>
                  <td className="num">
                    {v.version} {v.version === current && <Badge tone="success">live</Badge>}
                  </td>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td>{v.publishedByName || formatActor(v.publishedBy)}</td>
                  <td>
                    {v.kind === "rollback" && <Badge tone="info">rollback{v.rolledBackTo ? ` to v${v.rolledBackTo}` : ""}</Badge>}{" "}
                    {v.message || (v.kind !== "rollback" && <span className="muted">—</span>)}
                  </td>
                  <td><VersionItems items={v.items} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const changeTone: Record<string, BadgeTone> = { added: "success", modified: "warning", removed: "danger" };

function VersionItems({ items }: { items: unknown }) {
  if (!Array.isArray(items)) return <>{typeof items === "number" ? items : "—"}</>;
  if (items.length === 0) return <span className="muted">none</span>;
  return (
    <details>
      <summary>{items.length} item{items.length === 1 ? "" : "s"}</summary>
      <ul className="plain-list">
        {items.map((item, i) => {
          const ref = item as { namespace?: string; entity?: string; key?: string; change?: string };
          return (
            <li key={i}>
              <code>{[ref.namespace, ref.entity, ref.key].filter(Boolean).join("/")}</code>{" "}
              {ref.change && <Badge tone={changeTone[ref.change] ?? "neutral"}>{ref.change}</Badge>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
