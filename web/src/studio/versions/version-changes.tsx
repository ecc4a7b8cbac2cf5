// What a version changed against the one before it (GET /admin/config/diff).
import { diffVersions } from "../../api/studio";
import { Badge, type BadgeTone } from "../../components/badge";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { keys, useApiQuery } from "../../state/server-state";
import { ChangeDiff } from "../publish/change-diff";

const TONES: Record<string, BadgeTone> = { added: "success", modified: "warning", removed: "danger" };

export function VersionChanges({ version }: { version: number }) {
  const changes = useApiQuery(keys.studio("diff", version), (signal) => diffVersions(version - 1, version, signal), {
    // A version never changes: its diff stays fresh.
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (changes.status === "loading" && !changes.data)
    return <Loading label={`Loading the changes of version ${version}…`} />;
  if (changes.status === "error")
    return <ErrorState title="Couldn't load the changes" error={changes.error} onRetry={changes.reload} />;
  if (!changes.data?.length) return <EmptyState title={`Version ${version} changed nothing`} />;
  return (
    <div className="version-changes">
      <p className="muted">Compared with version {version - 1 || "nothing (empty configuration)"}:</p>
      <ul className="plain-list">
        {changes.data.map((c) => (
          <li key={`${c.namespace}/${c.entity}/${c.key}`} className="card">
            <details>
              <summary>
                <code>
                  {c.namespace}/{c.entity}/{c.key}
                </code>{" "}
                <Badge tone={TONES[c.change] ?? "neutral"}>{c.change}</Badge>
              </summary>
              <ChangeDiff before={c.before} after={c.after} />
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
