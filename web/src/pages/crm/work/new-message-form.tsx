// Log a message as if it came in on the web channel: the server matches (or creates) the
// customer by email and opens or joins a case. That's how an agent starts a case from the inbox.
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../../api/client";
import { type InboxPostResult, postInboxMessage } from "../../../api/work";
import { TextField } from "../../../components/field";
import { Alert } from "../../../components/status";
import { isMissing } from "../use-optional";

const empty = { email: "", name: "", subject: "", body: "" };

// A refused message says why (e.g. "customers.accountManager is required"), not just "not valid".
function refusal(error: unknown): string {
  if (!(error instanceof ApiError) || error.details.length === 0) return errorMessage(error);
  return `${error.message}: ${error.details.map((d) => `${d.path ?? ""} ${d.message}`.trim()).join("; ")}.`;
}

export function NewMessageForm({ onPosted }: { onPosted(): void }) {
  const [values, setValues] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<InboxPostResult | null>(null);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values.email.trim() || !values.body.trim()) return setError("An email address and a message are needed.");
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const posted = await postInboxMessage({
        channel: "web",
        externalId: crypto.randomUUID(),
        from: { email: values.email.trim(), ...(values.name.trim() ? { name: values.name.trim() } : {}) },
        ...(values.subject.trim() ? { subject: values.subject.trim() } : {}),
        body: values.body,
      });
      setResult(posted);
      setValues(empty);
      onPosted();
    } catch (e) {
      setError(isMissing(e) ? "The inbox isn't available on this server yet." : refusal(e));
    } finally {
      setBusy(false);
    }
  };

  const caseId = result?.case?.id;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label="From (email)"
        type="email"
        autoComplete="off"
        value={values.email}
        onChange={set("email")}
        required
      />
      <TextField label="Name" autoComplete="off" value={values.name} onChange={set("name")} />
      <TextField label="Subject" value={values.subject} onChange={set("subject")} />
      <div className="field">
        <label className="field-label" htmlFor="inbox-body">
          Message
        </label>
        <textarea id="inbox-body" className="input" rows={5} value={values.body} onChange={set("body")} required />
      </div>
      {error && <Alert>{error}</Alert>}
      {result && (
        <Alert tone="success">
          Message logged. {caseId ? <Link to={`/crm/cases/${encodeURIComponent(caseId)}`}>Open the case</Link> : null}
        </Alert>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Sending…" : "Log message"}
        </button>
      </div>
    </form>
  );
}
