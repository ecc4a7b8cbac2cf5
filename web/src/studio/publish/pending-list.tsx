// The unpublished changes, each selectable, with its diff against the live version.
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../components/badge";
import { formatActor, formatDateTime } from "../../lib/format";
import { itemUrl } from "../paths";
import { ChangeDiff } from "./change-diff";
import { type PendingChange, type PendingKind, refId } from "./use-pending-changes";

const TONES: Record<PendingKind, BadgeTone> = {
  added: "success",
  modified: "warning",
  removed: "danger",
  unchanged: "neutral",
};
const LABELS: Record<PendingKind, string> = {
  added: "new",
  modified: "changed",
  removed: "removed",
  unchanged: "no change",
};

export function PendingList({
  changes,
  selected,
  onSelect,
}: {
  changes: PendingChange[];
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
}) {
  const all = changes.every((c) => selected.has(refId(c.id)));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  return (
    <section className="group" aria-labelledby="pending-title">
      <div className="row">
        <h2 id="pending-title" className="group-title">
          Unpublished changes <span className="count">{changes.length}</span>
        </h2>
        <label className="check">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => onSelect(new Set(e.target.checked ? changes.map((c) => refId(c.id)) : []))}
          />
          <span>Select all</span>
        </label>
      </div>
      <ul className="pending-list">
        {changes.map((c) => {
          const id = refId(c.id);
          return (
            <li key={id} className="card pending-item">
              <div className="row">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={selected.has(id)}
                    onChange={(e) => toggle(id, e.target.checked)}
                    aria-label={`Publish ${id}`}
                  />
                  <code>{id}</code>
                </label>
                <Badge tone={TONES[c.kind]}>{LABELS[c.kind]}</Badge>
                <span className="muted">
                  rev {c.summary.revision} · {formatDateTime(c.summary.updatedAt)} ·{" "}
                  {c.summary.updatedByName || formatActor(c.summary.updatedBy)}
                </span>
                <Link to={itemUrl(c.id)} className="push-right">
                  Open
                </Link>
              </div>
              <details>
                <summary>Show changes</summary>
                <ChangeDiff before={c.before} after={c.after} />
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
