// Activities and approvals linked to the record. Both endpoints are young: on 404 the panel hides.
import { useState } from "react";
import { Link } from "react-router";
import { roleAtLeast } from "@shared/roles";
import { errorMessage } from "../../../api/client";
import { completeActivity, listActivities, listApprovals } from "../../../api/work";
import { Badge } from "../../../components/badge";
import { Alert } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { PersonName } from "../../../renderers/shared/cell-value";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { useSession } from "../../../state/session";
import { useOptional } from "../use-optional";

const approvalTone = (status?: string) =>
  status === "approved" ? "success" : status === "rejected" ? "danger" : status === "pending" ? "warning" : "neutral";

export function ActivitiesPanel({ recordId, refresh }: { recordId: string; refresh: number }) {
  const role = useSession((s) => s.role) ?? "read_only";
  const activities = useOptional("activities", (signal) => listActivities({ recordId }, signal), [recordId, refresh]);
  const [error, setError] = useState<string | null>(null);
  if (activities.unavailable || activities.status === "error" || !activities.data) return null;

  const done = async (id: string) => {
    setError(null);
    try {
      await completeActivity(id);
      activities.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="panel" aria-labelledby="activities-title">
      <h2 className="panel-title" id="activities-title">Activities</h2>
      {error && <Alert>{error}</Alert>}
      {activities.data.length === 0 ? <p className="muted">No activities.</p> : (
        <ul className="plain-list related-list">
          {activities.data.map((a) => (
            <li key={a.id} className="related-item">
              <span>{a.title ?? "Activity"}</span>
              {a.assigneeId && <span className="muted">for <PersonName id={a.assigneeId} /></span>}
              {a.dueAt && <time className="muted" dateTime={a.dueAt} title={formatMoment(a.dueAt)}>due {formatRelative(a.dueAt)}</time>}
              {a.status === "open" && roleAtLeast(role, "agent")
                ? <button type="button" className="button button-small" onClick={() => void done(a.id)}>Mark done</button>
                : <Badge>{a.status ?? "—"}</Badge>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ApprovalsPanel({ recordId, refresh }: { recordId: string; refresh: number }) {
  const approvals = useOptional("approvals", (signal) => listApprovals({ recordId }, signal), [recordId, refresh]);
  if (approvals.unavailable || approvals.status === "error" || !approvals.data || approvals.data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 className="panel-title" id="approvals-title">Approvals</h2>
      <ul className="plain-list related-list">
        {approvals.data.map((a) => (
          <li key={a.id} className="related-item">
            <span>{titleCase(a.approval ?? "approval")}</span>
            {a.requestedBy && <span className="muted">requested by <PersonName id={a.requestedBy} /></span>}
            <Badge tone={approvalTone(a.status)}>{a.status ?? "—"}</Badge>
            {a.status === "pending" && <Link to="/crm/approvals">Decide</Link>}
          </li>
        ))}
      </ul>
    </section>
  );
}
