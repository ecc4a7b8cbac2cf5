// /crm/inbox/:caseId: one case's conversation, oldest first, with its files, and a composer that
// replies to the customer by e-mail (threaded, so their answer lands on this case).
import { useState } from "react";
import { Link, useParams } from "react-router";
import { roleAtLeast } from "@shared/roles";
import type { InboxAttachment, InboxMessage } from "../../../api/crm-types";
import { errorMessage } from "../../../api/client";
import { downloadAttachment, listThreadMessages } from "../../../api/work";
import { PageHeader } from "../../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../../components/status";
import { saveFile } from "../../../lib/download";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { keys, useApiQuery } from "../../../state/server-state";
import { useSession } from "../../../state/session";
import { ReplyComposer } from "./reply-composer";

export function ThreadPage() {
  const caseId = useParams().caseId ?? "";
  const role = useSession((s) => s.role) ?? "read_only";
  // Under the case's key: a `record.changed` of the case (a message in or out) refetches it.
  const thread = useApiQuery([...keys.record("cases", caseId), "thread"], (signal) =>
    listThreadMessages(caseId, signal),
  );
  const messages = thread.data ?? [];
  const subject = messages.find((m) => m.subject)?.subject?.trim() || "(no subject)";

  return (
    <div className="page">
      <PageHeader
        title={thread.data ? subject : "Conversation"}
        description={
          <>
            <Link to="/crm/inbox">Inbox</Link> ·{" "}
            <Link to={`/crm/cases/${encodeURIComponent(caseId)}`}>Open the case</Link>
          </>
        }
      />
      {thread.status === "error" && !thread.data ? (
        <ErrorState title="Couldn't load the conversation" error={thread.error} onRetry={thread.reload} />
      ) : !thread.data ? (
        <Loading label="Loading the conversation…" />
      ) : messages.length === 0 ? (
        <EmptyState title="No messages on this case yet" />
      ) : (
        <ol className="thread-messages" aria-label="Messages">
          {messages.map((m, i) => (
            <MessageItem key={m.id ?? i} message={m} />
          ))}
        </ol>
      )}
      {thread.data && roleAtLeast(role, "agent") && (
        <section className="panel" aria-labelledby="reply-title">
          <h2 className="panel-title" id="reply-title">
            Reply by e-mail
          </h2>
          <ReplyComposer caseId={caseId} onSent={thread.reload} />
        </section>
      )}
    </div>
  );
}

function MessageItem({ message }: { message: InboxMessage }) {
  const out = message.direction === "out";
  const who = out
    ? `You → ${message.to ?? "the customer"}`
    : message.from?.name || message.from?.email || "Unknown sender";
  const at = message.receivedAt;
  const failedAuth = Object.entries(message.auth ?? {})
    .filter(([, v]) => v === "fail")
    .map(([k]) => k.toUpperCase());
  return (
    <li className={`thread-message ${out ? "thread-message-out" : "thread-message-in"}`}>
      <p className="thread-message-head">
        <strong>{who}</strong>
        {!out && message.from?.name && message.from.email && (
          <span className="muted"> &lt;{message.from.email}&gt;</span>
        )}
        {at && (
          <>
            {" "}
            ·{" "}
            <time dateTime={at} title={formatMoment(at)}>
              {formatRelative(at)}
            </time>
          </>
        )}
        {message.channel && message.channel !== "email" && <span className="muted"> · {message.channel}</span>}
      </p>
      {failedAuth.length > 0 && (
        <p className="thread-warning">
          The sender's {failedAuth.join(", ")} check failed: it may not be who it claims.
        </p>
      )}
      <pre className="thread-body">{message.body}</pre>
      {(message.attachments?.length ?? 0) > 0 && (
        <ul className="attachment-list" aria-label="Attachments">
          {message.attachments!.map((a) => (
            <AttachmentItem key={a.id} file={a} />
          ))}
        </ul>
      )}
    </li>
  );
}

function AttachmentItem({ file }: { file: InboxAttachment }) {
  const [error, setError] = useState<string | null>(null);
  const size =
    file.size >= 1024 * 1024
      ? `${(file.size / 1024 / 1024).toFixed(1)} MB`
      : `${Math.max(1, Math.round(file.size / 1024))} KB`;
  if (!file.stored)
    return (
      <li className="muted">
        {file.filename} ({size}, too large to keep)
      </li>
    );
  const download = async () => {
    setError(null);
    try {
      saveFile(await downloadAttachment(file.id), file.filename);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <li>
      <button type="button" className="link-button" onClick={download}>
        {file.filename}
      </button>{" "}
      <span className="muted">({size})</span>
      {error && (
        <span role="alert" className="field-error">
          {" "}
          {error}
        </span>
      )}
    </li>
  );
}
