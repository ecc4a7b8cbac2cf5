// The home page's cards: my cases by SLA urgency, my tasks due, approvals waiting for me, recent records.
import type { ReactNode } from "react";
import { Link } from "react-router";
import { listActivities, listApprovals } from "../../../api/work";
import { Badge } from "../../../components/badge";
import { titleCase } from "../../../config/labels";
import { recordTitle } from "../../../renderers/shared/columns";
import { ReferenceLink } from "../../../renderers/shared/cell-value";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { useRuntimeConfigStore } from "../../../state/runtime-config";
import { useRecentStore } from "../../../state/recent-records";
import { useSession } from "../../../state/session";
import { isFormConfig } from "../../../config/types";
import { isOverdue } from "../activities/activity-row";
import { entitySingular } from "../entity-guard";
import { timerStatus } from "../record/sla-panel";
import { useLive } from "../use-live";
import { useOptional } from "../use-optional";
import { ApprovalChange } from "../work/approval-change";
import { loadMyCases } from "./my-cases";

function HomeCard({
  id,
  title,
  count,
  more,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  more?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel home-card" aria-labelledby={id}>
      <header className="home-card-header">
        <h2 className="panel-title" id={id}>
          {title}
          {count !== undefined && <span className="count">{count}</span>}
        </h2>
        {more}
      </header>
      {children}
    </section>
  );
}

const Note = ({ children }: { children: ReactNode }) => <p className="muted home-note">{children}</p>;
const TONE = { ok: "success", warning: "warning", breached: "danger", neutral: "neutral" } as const;

export function MyCasesCard() {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const role = useSession((s) => s.role) ?? "read_only";
  const cases = useOptional("home-cases", (signal) => loadMyCases(snapshot ?? {}, role, signal), [snapshot, role]);
  useLive(
    (m) => m.type === "record.changed" || m.type === "sla.warning" || m.type === "sla.breached",
    cases.reload,
    1000,
  );
  const now = Date.now();
  return (
    <HomeCard id="home-cases" title="My open cases" count={cases.data?.length}>
      {cases.status === "error" && !cases.data ? (
        <Note>
          Couldn't load your cases.{" "}
          <button type="button" className="link-button" onClick={cases.reload}>
            Retry
          </button>
        </Note>
      ) : !cases.data ? (
        <Note>Loading…</Note>
      ) : cases.data.length === 0 ? (
        <Note>Nothing assigned to you is open.</Note>
      ) : (
        <ul className="home-list" aria-label="My open cases">
          {cases.data.slice(0, 8).map(({ entity, record, timer }) => {
            const form = snapshot?.form?.[entity]?.default;
            const status = timer ? timerStatus(timer, now) : null;
            return (
              <li key={`${entity}/${record.id}`} className="home-item">
                <Link className="home-item-title" to={`/crm/${entity}/${encodeURIComponent(record.id)}`}>
                  {recordTitle(record, isFormConfig(form) ? form : undefined)}
                </Link>
                <span className="home-item-meta muted">
                  {entitySingular(snapshot, entity)}
                  {timer && <> · {titleCase(timer.metric)}</>}
                </span>
                {status ? (
                  <Badge tone={TONE[status.tone]}>{status.text}</Badge>
                ) : (
                  <span className="muted home-item-side">No SLA</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </HomeCard>
  );
}

export function MyTasksCard() {
  const tasks = useOptional("activities", (signal) => listActivities({ assignee: "me", status: "open" }, signal), []);
  useLive((m) => m.type === "activity.created", tasks.reload, 1000);
  if (tasks.unavailable) return null;
  const items = [...(tasks.data ?? [])].sort((a, b) => String(a.dueAt ?? "~").localeCompare(String(b.dueAt ?? "~")));
  const overdue = items.filter((a) => isOverdue(a)).length;
  return (
    <HomeCard
      id="home-tasks"
      title="My tasks"
      count={tasks.data ? items.length : undefined}
      more={<Link to="/crm/activities">All activities</Link>}
    >
      {tasks.status === "error" && !tasks.data ? (
        <Note>Couldn't load your tasks.</Note>
      ) : !tasks.data ? (
        <Note>Loading…</Note>
      ) : items.length === 0 ? (
        <Note>Nothing due. Enjoy it.</Note>
      ) : (
        <>
          {overdue > 0 && <p className="home-alert text-danger">{overdue} overdue</p>}
          <ul className="home-list" aria-label="My tasks">
            {items.slice(0, 6).map((a) => (
              <li key={a.id} className="home-item">
                {a.entity && a.recordId ? (
                  <Link className="home-item-title" to={`/crm/${a.entity}/${encodeURIComponent(a.recordId)}`}>
                    {a.title ?? "Activity"}
                  </Link>
                ) : (
                  <span className="home-item-title">{a.title ?? "Activity"}</span>
                )}
                <span className="home-item-meta muted">{titleCase(a.type ?? "task")}</span>
                {a.dueAt ? (
                  <time
                    dateTime={a.dueAt}
                    title={formatMoment(a.dueAt)}
                    className={`home-item-side${isOverdue(a) ? " text-danger" : " muted"}`}
                  >
                    {isOverdue(a) ? "Overdue, " : "Due "}
                    {formatRelative(a.dueAt)}
                  </time>
                ) : (
                  <span className="muted home-item-side">No due date</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </HomeCard>
  );
}

export function MyApprovalsCard() {
  const approvals = useOptional("approvals", (signal) => listApprovals({ status: "pending", mine: true }, signal), []);
  useLive((m) => m.type === "approval.requested" || m.type === "approval.decided", approvals.reload, 1000);
  if (approvals.unavailable) return null;
  const items = approvals.data ?? [];
  return (
    <HomeCard
      id="home-approvals"
      title="Waiting for my approval"
      count={approvals.data?.length}
      more={<Link to="/crm/approvals">Decide</Link>}
    >
      {approvals.status === "error" && !approvals.data ? (
        <Note>Couldn't load approvals.</Note>
      ) : !approvals.data ? (
        <Note>Loading…</Note>
      ) : items.length === 0 ? (
        <Note>Nothing waits for you.</Note>
      ) : (
        <ul className="home-list" aria-label="Waiting for my approval">
          {items.slice(0, 6).map((a) => (
            <li key={a.id} className="home-item home-item-stacked">
              <span className="home-item-title">{titleCase(a.approval ?? "approval")}</span>
              <span className="home-item-meta muted">
                {a.entity && a.recordId && <ReferenceLink entity={a.entity} id={a.recordId} />}
              </span>
              <ApprovalChange entity={a.entity} change={a.change} />
            </li>
          ))}
        </ul>
      )}
    </HomeCard>
  );
}

export function RecentCard() {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const userId = useSession((s) => s.user?.id ?? "");
  const recent = useRecentStore((s) => s.byUser[userId]) ?? [];
  return (
    <HomeCard id="home-recent" title="Recently viewed">
      {recent.length === 0 ? (
        <Note>Records you open show up here.</Note>
      ) : (
        <ul className="home-list" aria-label="Recently viewed">
          {recent.map((r) => (
            <li key={`${r.entity}/${r.id}`} className="home-item">
              <Link className="home-item-title" to={`/crm/${r.entity}/${encodeURIComponent(r.id)}`} title={r.title}>
                {r.title}
              </Link>
              <span className="home-item-meta muted">{entitySingular(snapshot, r.entity)}</span>
              <time className="muted home-item-side" dateTime={r.at} title={formatMoment(r.at)}>
                {formatRelative(r.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </HomeCard>
  );
}
