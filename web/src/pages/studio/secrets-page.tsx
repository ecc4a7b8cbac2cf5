// /studio/secrets: the tenant's write-only secrets. Values go in and never come back; config
// refers to them as { "$secret": "NAME" } (webhook signing keys, header values).
import { type FormEvent, useState } from "react";
import { SECRET_NAME_RE } from "@shared/config/secret-ref";
import { errorMessage } from "../../api/client";
import { deleteSecret, listSecrets, setSecret, type SecretInfo } from "../../api/secrets";
import { TextField } from "../../components/field";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { formatDateTime } from "../../lib/format";
import { keys, useApiQuery } from "../../state/server-state";

type Notice = { tone: "danger" | "success"; text: string } | null;

export function SecretsPage() {
  const secrets = useApiQuery(keys.admin("secrets"), (signal) => listSecrets(signal));
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <div className="page">
      <PageHeader
        title="Secrets"
        description={
          "Write-only values for automations: set one here, then refer to it by name in a webhook (signing secret " +
          "or header). Nobody can read a value back."
        }
      />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {secrets.status === "loading" && !secrets.data ? (
        <Loading label="Loading secrets…" />
      ) : secrets.status === "error" ? (
        <ErrorState title="Couldn't load secrets" error={secrets.error} onRetry={secrets.reload} />
      ) : !secrets.data?.length ? (
        <EmptyState title="No secrets yet">Add one below, e.g. CRM_API_KEY.</EmptyState>
      ) : (
        <SecretTable secrets={secrets.data} onChanged={secrets.reload} onNotice={setNotice} />
      )}
      <SetSecretForm
        onSet={(name) => {
          setNotice({ tone: "success", text: `${name} was saved.` });
          secrets.reload();
        }}
      />
    </div>
  );
}

function SecretTable({
  secrets,
  onChanged,
  onNotice,
}: {
  secrets: SecretInfo[];
  onChanged: () => void;
  onNotice: (n: Notice) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function remove(name: string) {
    setBusy(name);
    try {
      await deleteSecret(name);
      onNotice({ tone: "success", text: `${name} was deleted.` });
      onChanged();
    } catch (error) {
      onNotice({ tone: "danger", text: errorMessage(error) });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Secrets</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Reference</th>
            <th scope="col">Last set</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {secrets.map((s) => (
            <tr key={s.name} aria-busy={busy === s.name || undefined}>
              <td className="mono">{s.name}</td>
              <td>
                <code>{`{ "$secret": "${s.name}" }`}</code>
              </td>
              <td className="nowrap">{formatDateTime(s.updatedAt)}</td>
              <td className="actions">
                {confirming === s.name ? (
                  <span className="confirm" role="group" aria-label={`Confirm deleting ${s.name}`}>
                    <span>Delete {s.name}? Automations using it will fail.</span>
                    <button
                      type="button"
                      className="button button-danger button-small"
                      disabled={busy === s.name}
                      onClick={() => void remove(s.name)}
                    >
                      Delete
                    </button>
                    <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Delete ${s.name}`}
                    onClick={() => setConfirming(s.name)}
                  >
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SetSecretForm({ onSet }: { onSet: (name: string) => void }) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nameError =
    name && !SECRET_NAME_RE.test(name)
      ? "Upper case letters, digits and _, starting with a letter (like API_KEY)."
      : undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (nameError) return;
    setPending(true);
    setError(null);
    try {
      await setSecret(name, value);
      setName("");
      setValue("");
      onSet(name);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="set-secret">
      <h2 className="panel-title" id="set-secret">
        Set a secret
      </h2>
      <form className="form form-grid" onSubmit={onSubmit}>
        {error !== null && (
          <div className="form-wide">
            <ErrorState title="Couldn't save the secret" error={error} />
          </div>
        )}
        <TextField
          label="Name"
          autoComplete="off"
          required
          value={name}
          error={nameError}
          maxLength={64}
          hint="Setting an existing name replaces its value."
          onChange={(e) => setName(e.target.value.toUpperCase())}
        />
        <TextField
          label="Value"
          type="password"
          autoComplete="new-password"
          required
          value={value}
          maxLength={4096}
          hint="Stored encrypted; it cannot be shown again."
          onChange={(e) => setValue(e.target.value)}
        />
        <div className="form-wide">
          <button type="submit" className="button button-primary" disabled={pending || !!nameError}>
            {pending ? "Saving…" : "Save secret"}
          </button>
        </div>
      </form>
    </section>
  );
}
