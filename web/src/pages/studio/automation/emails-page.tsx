// /studio/emails: email written by automations, newest first. The local provider stores messages
// instead of sending them, so this is where they are read; a row opens to show the body.
import { Fragment, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { listEmails, type OutgoingEmail } from "../../../api/automation";
import { errorMessage } from "../../../api/client";
import { PageHeader } from "../../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/format";
import { ReferenceLink } from "../../../renderers/shared/cell-value";
import { keys, useApiQuery } from "../../../state/server-state";
import { AutomationTabs, AutoRefreshSwitch, EmailStatusBadge, REFRESH_MS } from "./automation-parts";
import { InboundAddresses } from "./inbound-addresses";

const LIMIT = 100;
const COLUMNS = ["Subject", "To", "Status", "Provider", "Record", "Created"];

export function EmailsPage() {
  const [params] = useSearchParams();
  const recordId = params.get("recordId") || undefined;
  const [on, setOn] = useState(true);
  const emails = useApiQuery(
    keys.admin("emails", recordId ?? ""),
    (signal) => listEmails({ recordId, limit: LIMIT }, signal),
    { staleTime: 0, refetchInterval: on && REFRESH_MS },
  );

  return (
    <div className="page">
      <PageHeader
        title="Outgoing email"
        description={
          "Email written by automations and agents' replies, newest first. Without Cloudflare's send_email binding " +
          "(locally) messages are kept here instead of sent."
        }
      />
      <AutomationTabs />
      <InboundAddresses />
      <div className="toolbar">
        {recordId && (
          <p className="muted">
            Email about one record · <Link to="/studio/emails">Show all</Link>
          </p>
        )}
        <AutoRefreshSwitch on={on} setOn={setOn} updatedAt={emails.updatedAt} onRefresh={emails.reload} />
      </div>
      {emails.status === "error" && emails.data && (
        <Alert>Couldn't refresh the email: {errorMessage(emails.error)}</Alert>
      )}
      {emails.status === "error" && !emails.data ? (
        <ErrorState title="Couldn't load the email" error={emails.error} onRetry={emails.reload} />
      ) : !emails.data ? (
        <Loading label="Loading email…" />
      ) : emails.data.length === 0 ? (
        <EmptyState title="No email yet">Automations with a send-email action write here.</EmptyState>
      ) : (
        <EmailTable emails={emails.data} />
      )}
    </div>
  );
}

function EmailTable({ emails }: { emails: OutgoingEmail[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Outgoing email">
      <table className="table">
        <caption className="visually-hidden">Outgoing email</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {emails.map((email) => {
            const expanded = open.has(email.id);
            const bodyId = `email-${email.id.replace(/[^\w-]/g, "_")}`;
            return (
              <Fragment key={email.id}>
                <tr>
                  <td>
                    <button
                      type="button"
                      className="disclosure"
                      aria-expanded={expanded}
                      aria-controls={expanded ? bodyId : undefined}
                      onClick={() => toggle(email.id)}
                    >
                      <span className="disclosure-mark" aria-hidden="true">
                        {expanded ? "▾" : "▸"}
                      </span>
                      <span>{email.subject || "(no subject)"}</span>
                    </button>
                  </td>
                  <td>{email.to}</td>
                  <td>
                    <EmailStatusBadge status={email.status} />
                  </td>
                  <td>{email.provider ?? "—"}</td>
                  <td>
                    {email.entity && email.recordId ? (
                      <ReferenceLink entity={email.entity} id={email.recordId} />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="nowrap">{formatDateTime(email.createdAt)}</td>
                </tr>
                {expanded && (
                  <tr id={bodyId} className="run-detail-row">
                    <td colSpan={COLUMNS.length}>
                      <div className="email-body" role="group" aria-label={`Body of “${email.subject}”`}>
                        <p className="muted">To {email.to}</p>
                        <pre>{email.body}</pre>
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
