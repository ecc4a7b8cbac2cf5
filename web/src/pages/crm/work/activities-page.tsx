// /crm/activities: the open activities assigned to me; mark them done.
import { useState } from "react";
import { Link } from "react-router";
import { roleAtLeast } from "@shared/roles";
import { errorMessage } from "../../../api/client";
import { completeActivity, listActivities } from "../../../api/work";
import { PageHeader } from "../../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../../components/status";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { useSession } from "../../../state/session";
import { useLive } from "../use-live";
import { useOptional } from "../use-optional";
import { NotAvailableYet } from "./unavailable";

export function ActivitiesPage() {
  const role = useSession((s) => s.role) ?? "read_only";
  const activities = useOptional("activities", (signal) => listActivities({ assignee: "me", status: "open" }, signal), []);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useLive((m) => m.type === "activity.created" || m.type === "record.changed", activities.reload, 1000);

  const markDone = async (id: string) => {
    setError(null);
    try {
      await completeActivity(id);
      setDone((d) => new Set(d).add(id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const items = (activities.data ?? []).filter((a) => !done.has(a.id));
  const now = Date.now();
  return (
    <div className="page page-narrow">
      <PageHeader title="My activities" description="Open activities assigned to you" />
      {error && <Alert>{error}</Alert>}
      {activities.unavailable ? <NotAvailableYet what="Activities" />
        : activities.status === "error" ? <ErrorState title="Couldn't load your activities" error={activities.error} onRetry={activities.reload} />
        : !activities.data ? <Loading label="Loading activities…" />
        : items.length === 0 ? <EmptyState title="Nothing to do">All your activities are done.</EmptyState>
        : (
          <ul className="work-list" aria-label="Open activities">
            {items.map((a) => {
              const overdue = a.dueAt ? Date.parse(a.dueAt) < now : false;
              return (
                <li key={a.id} className="work-item">
                  <div className="work-main">
                    <p className="work-title">{a.title ?? "Activity"}</p>
                    <p className="muted">
                      {a.dueAt && <time dateTime={a.dueAt} title={formatMoment(a.dueAt)} className={overdue ? "text-danger" : undefined}>{overdue ? "Overdue, " : "Due "}{formatRelative(a.dueAt)}</time>}
                      {a.entity && a.recordId && <> · <Link to={`/crm/${a.entity}/${encodeURIComponent(a.recordId)}`}>Open record</Link></>}
                    </p>
                  </div>
                  {roleAtLeast(role, "agent") && (
                    <button type="button" className="button button-small" onClick={() => void markDone(a.id)} aria-label={`Mark done: ${a.title ?? "activity"}`}>
                      Mark done
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
    </div>
  );
}
