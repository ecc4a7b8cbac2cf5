// Activities and approvals linked to the record. Both endpoints are young: on 404 the panel hides.
import { useState } from "react";
import { Link } from "react-router";
import { roleAtLeast } from "@shared/roles";
import { errorMessage } from "../../../api/client";
import type { Activity } from "../../../api/crm-types";
import { completeActivity, listActivities, listApprovals } from "../../../api/work";
import { Badge } from "../../../components/badge";
import { Alert } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { PersonName } from "../../../renderers/shared/cell-value";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { useSession } from "../../../state/session";
import { ActivityDialog } from "../activities/activity-dialog";
import { ActivityRow, isOverdue } from "../activities/activity-row";
import { useOptional } from "../use-optional";
import { ApprovalChange } from "../work/approval-change";

const approvalTone = (status?: string) =>
  status === "approved" ? "success" : status === "rejected" ? "danger" : status === "pending" ? "warning" : "neutral";

export function ActivitiesPanel({
  recordId,
  entity,
  recordTitle,
  refresh,
}: {
  recordId: string;
  entity?: string;
  recordTitle?: string;
  refresh: number;
}) {
  const role = useSession((s) => s.role) ?? "read_only";
  const activities = useOptional("activities", (signal) => listActivities({ recordId }, signal), [recordId, refresh]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Activity | "new" | null>(null);
  if (activities.unavailable || activities.status === "error" || !activities.data) return null;
  const canWork = roleAtLeast(role, "agent");

  const done = async (a: Activity) => {
    setError(null);
    try {
      await completeActivity(a.id);
      activities.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  // Open ones first (overdue, then soonest due), then the rest.
  const sorted = [...activities.data].sort(
    (a, b) => rank(a) - rank(b) || String(a.dueAt ?? "~").localeCompare(String(b.dueAt ?? "~")),
  );

  return (
    <section className="panel" aria-labelledby="activities-title">
      <header className="panel-header">
        <h2 className="panel-title" id="activities-title">
          Activities
        </h2>
        {canWork && entity && (
          <button type="button" className="button button-small" onClick={() => setEditing("new")}>
            New activity
          </button>
        )}
      </header>
      {error && <Alert>{error}</Alert>}
      {sorted.length === 0 ? (
        <p className="muted">No activities.</p>
      ) : (
        <ul className="plain-list activity-list">
          {sorted.map((a) => (
            <ActivityRow
              key={a.id}
              activity={a}
              canWork={canWork}
              onComplete={(x) => void done(x)}
              onEdit={setEditing}
            />
          ))}
        </ul>
      )}
      {editing && (
        <ActivityDialog
          activity={editing === "new" ? undefined : editing}
          about={entity ? { entity, recordId, title: recordTitle } : undefined}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            activities.reload();
          }}
        />
      )}
    </section>
  );
}

const rank = (a: Activity) => (a.status && a.status !== "open" ? 2 : isOverdue(a) ? 0 : 1);

export function ApprovalsPanel({ recordId, refresh }: { recordId: string; refresh: number }) {
  const approvals = useOptional("approvals", (signal) => listApprovals({ recordId }, signal), [recordId, refresh]);
  if (approvals.unavailable || approvals.status === "error" || !approvals.data || approvals.data.length === 0)
    return null;
  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 className="panel-title" id="approvals-title">
        Approvals
      </h2>
      <ul className="plain-list activity-list">
        {approvals.data.map((a) => (
          <li key={a.id} className="approval-row">
            <div className="approval-row-head">
              <p className="activity-title" title={titleCase(a.approval ?? "approval")}>
                {titleCase(a.approval ?? "approval")}
              </p>
              <Badge tone={approvalTone(a.status)}>{a.status ?? "—"}</Badge>
            </div>
            <ApprovalChange entity={a.entity} change={a.change} />
            <p className="activity-meta muted">
              {a.requestedBy && (
                <>
                  requested by <PersonName id={a.requestedBy} />
                </>
              )}
              {a.status === "pending" && (
                <>
                  {" "}
                  · <Link to="/crm/approvals">Decide</Link>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
