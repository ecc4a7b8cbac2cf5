// The reply box of a case's thread. Ctrl/⌘+Enter sends; the result says whether the mail was
// sent or (without a mail provider, e.g. locally) kept in the outbox.
import { type FormEvent, type KeyboardEvent, useState } from "react";
import { errorMessage } from "../../../api/client";
import { replyToCase, type ReplyResult } from "../../../api/work";
import { Alert } from "../../../components/status";

export function ReplyComposer({ caseId, onSent }: { caseId: string; onSent(): void }) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<ReplyResult["delivery"] | null>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!body.trim()) return setError("Write a reply first.");
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      const result = await replyToCase(caseId, { body });
      setSent(result.delivery);
      setBody("");
      onSent();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit();
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field-label" htmlFor="reply-body">
          Message
        </label>
        <textarea
          id="reply-body"
          className="input"
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="reply-hint"
        />
        <p id="reply-hint" className="field-hint">
          Ctrl+Enter sends. The customer's answer joins this case.
        </p>
      </div>
      {error && <Alert>{error}</Alert>}
      {sent && (
        <Alert tone={sent.status === "failed" ? "danger" : "success"}>
          {sent.status === "sent"
            ? "Reply sent."
            : sent.status === "stored"
              ? "Reply saved to the outbox (no mail provider is configured here)."
              : `The reply could not be sent: ${sent.error ?? "unknown error"}`}
        </Alert>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Sending…" : "Send reply"}
        </button>
      </div>
    </form>
  );
}
