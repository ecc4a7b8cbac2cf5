// /studio/versions: every publish and rollback, newest first; what each changed; rollback.
import { Fragment, useState } from "react";
import { listConfigVersions } from "../../api/config";
import type { PublishResult } from "../../api/studio";
import { Badge, type BadgeTone } from "../../components/badge";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { formatActor, formatDateTime } from "../../lib/format";
import { syncConfig, useRuntimeConfigStore } from "../../state/runtime-config";
import { keys, useApiQuery } from "../../state/server-state";
import { RollbackControl } from "../../studio/versions/rollback-control";
import { VersionChanges } from "../../studio/versions/version-changes";

export function VersionsPage() {
  const current = useRuntimeConfigStore((s) => s.version);
  // Keyed by the live version: a publish that lands (here or elsewhere) asks again.
  const versions = useApiQuery(keys.studio("versions", current), (signal) => listConfigVersions(signal), {
    keepPrevious: true,
  });
  const [open, setOpen] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const rolledBack = (result: PublishResult | null, error?: string) => {
    if (!result) return setNotice({ tone: "danger", text: `Rollback failed: ${error}` });
    setNotice({ tone: "success", text: `Rolled back: version ${result.version} is live.` });
    void syncConfig();
  };

  return (
    <div className="page">
      <PageHeader title="Versions" description="Each publish or rollback makes a new, immutable version." />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
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
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Published</th>
                <th scope="col">By</th>
                <th scope="col">Message</th>
                <th scope="col">Items</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <Fragment key={v.version}>
                  <tr>
                    <td className="num">
                      {v.version} {v.version === current && <Badge tone="success">live</Badge>}
                    </td>
                    <td>{formatDateTime(v.publishedAt)}</td>
                    <td>{v.publishedByName || formatActor(v.publishedBy)}</td>
                    <td>
                      {v.kind === "rollback" && (
                        <Badge tone="info">rollback{v.rolledBackTo ? ` to v${v.rolledBackTo}` : ""}</Badge>
                      )}{" "}
                      {v.message || (v.kind !== "rollback" && <span className="muted">—</span>)}
                    </td>
                    <td>
                      <VersionItems items={v.items} />
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={open === v.version}
                        aria-controls={`changes-${v.version}`}
                        onClick={() => setOpen(open === v.version ? null : v.version)}
                      >
                        {open === v.version ? "Hide changes" : "Changes"}
                      </button>{" "}
                      {v.version !== current && <RollbackControl version={v.version} onDone={rolledBack} />}
                    </td>
                  </tr>
                  {open === v.version && (
                    <tr id={`changes-${v.version}`}>
                      <td colSpan={6}>
                        <VersionChanges version={v.version} />
                      </td>
                    </tr>
                  )}
                </Fragment>
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
      <summary>
        {items.length} item{items.length === 1 ? "" : "s"}
      </summary>
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
