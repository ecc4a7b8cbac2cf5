// /crm/approvals: approvals waiting for my decision; approve or reject, with a comment.
import { useState } from "react";
import { Link } from "react-router";
import type { Approval } from "../../../api/crm-types";
import { errorMessage } from "../../../api/client";
import { decideApproval, listApprovals } from "../../../api/work";
import { PageHeader } from "../../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../../components/status";
import { titleCase } from "../../../config/labels";
import { formatMoment, formatRelative } from "../../../renderers/shared/format";
import { PersonName, ReferenceLink } from "../../../renderers/shared/cell-value";
import { useLive } from "../use-live";
import { useOptional } from "../use-optional";
import { ApprovalChange } from "./approval-change";
import { NotAvailableYet } from "./unavailable";

export function ApprovalsPage() {
  const approvals = useOptional("approvals", (signal) => listApprovals({ status: "pending", mine: true }, signal), []);
  const [decided, setDecided] = useState<Map<string, string>>(new Map());
  useLive((m) => m.type === "approval.requested" || m.type === "approval.decided", approvals.reload, 500);

  const items = (approvals.data ?? []).filter((a) => !decided.has(a.id));
  return (
    <div className="page page-narrow">
      <PageHeader title="My approvals" description="Decisions waiting for you" />
      {decided.size > 0 && <Alert tone="success">{[...decided.values()].at(-1)}</Alert>}
      {approvals.unavailable ? (
        <NotAvailableYet what="Approvals" />
      ) : approvals.status === "error" ? (
        <ErrorState title="Couldn't load your approvals" error={approvals.error} onRetry={approvals.reload} />
      ) : !approvals.data ? (
        <Loading label="Loading approvals…" />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing waiting for you" />
      ) : (
        <ul className="work-list" aria-label="Pending approvals">
          {items.map((a) => (
            <ApprovalItem key={a.id} approval={a} onDecided={(text) => setDecided((d) => new Map(d).set(a.id, text))} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ApprovalItem({ approval, onDecided }: { approval: Approval; onDecided(text: string): void }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = titleCase(approval.approval ?? "approval");
  const commentId = `comment-${approval.id}`;

  const decide = async (decision: "approve" | "reject") => {
    setBusy(true);
    setError(null);
    try {
      await decideApproval(approval.id, decision, comment);
      onDecided(`${decision === "approve" ? "Approved" : "Rejected"}: ${name}.`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const at = approval.requestedAt;
  return (
    <li className="work-item work-item-stacked">
      <div className="work-main">
        <p className="work-title">{name}</p>
        <p className="muted">
          {approval.entity && approval.recordId && <ReferenceLink entity={approval.entity} id={approval.recordId} />}
          {at && (
            <>
              {" "}
              · requested{" "}
              <time dateTime={at} title={formatMoment(at)}>
                {formatRelative(at)}
              </time>
            </>
          )}
          {approval.requestedBy && (
            <>
              {" "}
              by <PersonName id={approval.requestedBy} />
            </>
          )}
        </p>
        <ApprovalChange entity={approval.entity} change={approval.change} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={commentId}>
          Comment (optional)
        </label>
        <textarea
          id={commentId}
          className="input"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void decide("approve")}
          aria-label={`Approve ${name}`}
        >
          Approve
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => void decide("reject")}
          aria-label={`Reject ${name}`}
        >
          Reject
        </button>
        {approval.entity && approval.recordId && (
          <Link to={`/crm/${approval.entity}/${encodeURIComponent(approval.recordId)}`}>Open record</Link>
        )}
      </div>
    </li>
  );
}
