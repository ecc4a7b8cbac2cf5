// One activity in a list: its type, title, who and when (overdue in red), complete and edit.
import { Link } from "react-router";
import type { Activity } from "../../../api/crm-types";
import { Badge } from "../../../components/badge";
import { titleCase } from "../../../config/labels";
import { PersonName } from "../../../renderers/shared/cell-value";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";

const TYPE_ICON: Record<string, string> = { task: "☐", call: "☏", meeting: "◷", note: "✎" };

export function isOverdue(a: Activity, now = Date.now()): boolean {
  if (a.status && a.status !== "open") return false;
  return a.overdue ?? (a.dueAt ? Date.parse(a.dueAt) < now : false);
}

interface ActivityRowProps {
  activity: Activity;
  /** Agents and up. */
  canWork: boolean;
  showRecord?: boolean;
  onComplete(a: Activity): void;
  onEdit(a: Activity): void;
}

export function ActivityRow({ activity: a, canWork, showRecord = false, onComplete, onEdit }: ActivityRowProps) {
  const overdue = isOverdue(a);
  const title = a.title ?? "Activity";
  const open = !a.status || a.status === "open";
  return (
    <li className={`activity-row${overdue ? " activity-overdue" : ""}${open ? "" : " activity-closed"}`}>
      <span className="activity-icon" aria-hidden="true">
        {TYPE_ICON[a.type ?? "task"] ?? "•"}
      </span>
      <div className="activity-main">
        <p className="activity-title" title={title}>
          {title}
        </p>
        <p className="activity-meta muted">
          <span>{titleCase(a.type ?? "task")}</span>
          {a.assigneeId && (
            <span>
              {" "}
              · <PersonName id={a.assigneeId} />
            </span>
          )}
          {a.dueAt && (
            <>
              {" "}
              ·{" "}
              <time dateTime={a.dueAt} title={formatMoment(a.dueAt)} className={overdue ? "text-danger" : undefined}>
                {overdue ? "Overdue, due " : "Due "}
                {formatRelative(a.dueAt)}
              </time>
            </>
          )}
          {showRecord && a.entity && a.recordId && (
            <>
              {" "}
              · <Link to={`/crm/${a.entity}/${encodeURIComponent(a.recordId)}`}>Open record</Link>
            </>
          )}
        </p>
      </div>
      <div className="activity-actions">
        {overdue && <Badge tone="danger">Overdue</Badge>}
        {!open && (
          <Badge tone={a.status === "done" ? "success" : "neutral"}>
            {a.status === "done" ? "Done" : titleCase(a.status ?? "")}
          </Badge>
        )}
        {canWork && open && (
          <>
            <button
              type="button"
              className="button button-small"
              onClick={() => onEdit(a)}
              aria-label={`Edit: ${title}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => onComplete(a)}
              aria-label={`Mark done: ${title}`}
            >
              Mark done
            </button>
          </>
        )}
      </div>
    </li>
  );
}
