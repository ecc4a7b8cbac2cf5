// /crm/inbox: open message threads, newest first, each linked to its case; agents can log a
// message that opens (or joins) a case.
import { Link } from "react-router";
import { roleAtLeast } from "@shared/roles";
import type { InboxThread } from "../../../api/crm-types";
import { listInbox } from "../../../api/work";
import { PageHeader } from "../../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../../components/status";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { StatusBadge } from "../../../renderers/shared/status-badge";
import { useWorkflow } from "../../../state/config-hooks";
import { useSession } from "../../../state/session";
import { useLive } from "../use-live";
import { useOptional } from "../use-optional";
import { NewMessageForm } from "./new-message-form";
import { NotAvailableYet } from "./unavailable";

export function InboxPage() {
  const role = useSession((s) => s.role) ?? "read_only";
  const inbox = useOptional("inbox", (signal) => listInbox(signal), []);
  useLive((m) => m.type === "record.changed" && m.entity === "cases", inbox.reload, 800);
  const threads = (inbox.data ?? []).filter((t) => t && typeof t.caseId === "string");

  return (
    <div className="page">
      <PageHeader title="Inbox" description="Open conversations, newest first" />
      <div className="inbox-layout">
        <section aria-labelledby="threads-title">
          <h2 className="visually-hidden" id="threads-title">
            Threads
          </h2>
          {inbox.unavailable ? (
            <NotAvailableYet what="The inbox" />
          ) : inbox.status === "error" ? (
            <ErrorState title="Couldn't load the inbox" error={inbox.error} onRetry={inbox.reload} />
          ) : !inbox.data ? (
            <Loading label="Loading the inbox…" />
          ) : threads.length === 0 ? (
            <EmptyState title="No open conversations" />
          ) : (
            <ul className="work-list" aria-label="Threads">
              {threads.map((t) => (
                <ThreadItem key={t.caseId} thread={t} />
              ))}
            </ul>
          )}
        </section>
        {roleAtLeast(role, "agent") && (
          <section className="panel" aria-labelledby="new-message-title">
            <h2 className="panel-title" id="new-message-title">
              New message
            </h2>
            <NewMessageForm onPosted={inbox.reload} />
          </section>
        )}
      </div>
    </div>
  );
}

function ThreadItem({ thread }: { thread: InboxThread }) {
  const who = thread.customer?.name || thread.customer?.email || "Unknown sender";
  const workflow = useWorkflow("cases");
  const last = thread.preview;
  return (
    <li className="work-item thread">
      <div className="work-main">
        <p className="work-title">
          <Link to={`/crm/inbox/${encodeURIComponent(thread.caseId)}`}>{thread.subject?.trim() || "(no subject)"}</Link>
        </p>
        <p className="muted">
          {who}
          {typeof thread.messageCount === "number" && (
            <>
              {" "}
              · {thread.messageCount} {thread.messageCount === 1 ? "message" : "messages"}
            </>
          )}
          {thread.lastMessageAt && (
            <>
              {" "}
              ·{" "}
              <time dateTime={thread.lastMessageAt} title={formatMoment(thread.lastMessageAt)}>
                {formatRelative(thread.lastMessageAt)}
              </time>
            </>
          )}
        </p>
        {last && <p className="thread-preview">{last}</p>}
      </div>
      {thread.status && <StatusBadge status={thread.status} workflow={workflow} />}
    </li>
  );
}
