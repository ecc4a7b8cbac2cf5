// /crm/activities: the open activities assigned to me, overdue first; add, edit, mark done.
import { useState } from "react";
import { roleAtLeast } from "@shared/roles";
import type { Activity } from "../../../api/crm-types";
import { errorMessage } from "../../../api/client";
import { completeActivity, listActivities } from "../../../api/work";
import { PageHeader } from "../../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../../components/status";
import { useSession } from "../../../state/session";
import { ActivityDialog } from "../activities/activity-dialog";
import { ActivityRow, isOverdue } from "../activities/activity-row";
import { useLive } from "../use-live";
import { useOptional } from "../use-optional";
import { NotAvailableYet } from "./unavailable";

export function ActivitiesPage() {
  const role = useSession((s) => s.role) ?? "read_only";
  const activities = useOptional(
    "activities",
    (signal) => listActivities({ assignee: "me", status: "open" }, signal),
    [],
  );
  const [done, setDone] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Activity | "new" | null>(null);
  useLive((m) => m.type === "activity.created" || m.type === "record.changed", activities.reload, 1000);
  const canWork = roleAtLeast(role, "agent");

  const markDone = async (a: Activity) => {
    setError(null);
    try {
      await completeActivity(a.id);
      setDone((d) => new Set(d).add(a.id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const items = (activities.data ?? []).filter((a) => !done.has(a.id));
  const overdue = items.filter((a) => isOverdue(a));
  const upcoming = items
    .filter((a) => !isOverdue(a))
    .sort((a, b) => String(a.dueAt ?? "~").localeCompare(String(b.dueAt ?? "~")));
  const row = (a: Activity) => (
    <ActivityRow
      key={a.id}
      activity={a}
      canWork={canWork}
      showRecord
      onComplete={(x) => void markDone(x)}
      onEdit={setEditing}
    />
  );
  return (
    <div className="page page-narrow">
      <PageHeader
        title="My activities"
        description="Open activities assigned to you"
        actions={
          canWork && !activities.unavailable ? (
            <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
              New activity
            </button>
          ) : undefined
        }
      />
      {error && <Alert>{error}</Alert>}
      {activities.unavailable ? (
        <NotAvailableYet what="Activities" />
      ) : activities.status === "error" ? (
        <ErrorState title="Couldn't load your activities" error={activities.error} onRetry={activities.reload} />
      ) : !activities.data ? (
        <Loading label="Loading activities…" />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing to do">All your activities are done.</EmptyState>
      ) : (
        <div className="activity-groups">
          {overdue.length > 0 && (
            <section aria-labelledby="overdue-title">
              <h2 className="section-title text-danger" id="overdue-title">
                Overdue <span className="count">{overdue.length}</span>
              </h2>
              <ul className="plain-list activity-list panel" aria-label="Overdue activities">
                {overdue.map(row)}
              </ul>
            </section>
          )}
          <section aria-labelledby="upcoming-title">
            <h2 className="section-title" id="upcoming-title">
              Upcoming <span className="count">{upcoming.length}</span>
            </h2>
            {upcoming.length === 0 ? (
              <p className="muted">Nothing else is open.</p>
            ) : (
              <ul className="plain-list activity-list panel" aria-label="Open activities">
                {upcoming.map(row)}
              </ul>
            )}
          </section>
        </div>
      )}
      {editing && (
        <ActivityDialog
          activity={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            activities.reload();
          }}
        />
      )}
    </div>
  );
}
