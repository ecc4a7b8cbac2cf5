// /studio/keys: the signed-in member's API keys (for scripts and AI assistants over MCP).
// Any member may open it: a key is personal and never does more than its owner may.
import { type FormEvent, useState } from "react";
import {
  createApiKey,
  type CreatedApiKey,
  type KeyScope,
  listApiKeys,
  revokeApiKey,
  type ApiKey,
} from "../../api/api-keys";
import { errorMessage } from "../../api/client";
import { Badge } from "../../components/badge";
import { SelectField, TextField } from "../../components/field";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { formatDate, formatDateTime } from "../../lib/format";
import { keys as queryKeys, useApiQuery } from "../../state/server-state";

const SCOPES: { value: KeyScope; label: string }[] = [
  { value: "read", label: "Read only" },
  { value: "write", label: "Write (as an agent)" },
  { value: "admin", label: "Full (your role)" },
];

export function ApiKeysPage() {
  const keys = useApiQuery(queryKeys.admin("api-keys"), (signal) => listApiKeys(signal));
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<{ tone: "danger" | "success"; text: string } | null>(null);

  return (
    <div className="page">
      <PageHeader
        title="API keys"
        description={
          "Personal keys for scripts and AI assistants (MCP at /mcp). A key acts as you, never above your current " +
          "role."
        }
      />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {created && <NewKeyNotice created={created} onDone={() => setCreated(null)} />}
      <CreateKeyForm
        onCreated={(key) => {
          setCreated(key);
          setNotice(null);
          keys.reload();
        }}
      />
      {keys.status === "loading" && !keys.data ? (
        <Loading label="Loading keys…" />
      ) : keys.status === "error" ? (
        <ErrorState title="Couldn't load your keys" error={keys.error} onRetry={keys.reload} />
      ) : !keys.data?.length ? (
        <EmptyState title="No API keys yet">Create one above to connect a script or an assistant.</EmptyState>
      ) : (
        <KeyTable
          keys={keys.data}
          onRevoked={(name) => {
            setNotice({ tone: "success", text: `${name} was revoked.` });
            keys.reload();
          }}
          onError={(text) => setNotice({ tone: "danger", text })}
        />
      )}
    </div>
  );
}

function NewKeyNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <section className="panel key-created" aria-labelledby="key-created" role="status">
      <h2 className="panel-title" id="key-created">
        Your new key “{created.name}”
      </h2>
      <p>Copy it now: it is shown only this once. Anyone with it can act as you.</p>
      <div className="key-secret">
        <code aria-label="The new API key">{created.token}</code>
        <button type="button" className="button button-primary button-small" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button type="button" className="button button-small" onClick={onDone}>
          Done
        </button>
      </div>
      {copied === "failed" && <p className="field-error">Copying failed: select the key and copy it by hand.</p>}
    </section>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<KeyScope>("read");
  const [expires, setExpires] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      // A date picks the end of that day, local time.
      const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
      onCreated(await createApiKey({ name: name.trim(), scope, expiresAt }));
      setName("");
      setExpires("");
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="new-key">
      <h2 className="panel-title" id="new-key">
        Create a key
      </h2>
      <form className="form form-grid" onSubmit={onSubmit}>
        {error !== null && (
          <div className="form-wide">
            <ErrorState title="Couldn't create the key" error={error} />
          </div>
        )}
        <TextField
          label="Name"
          required
          maxLength={80}
          autoComplete="off"
          hint="Where it is used, e.g. “Claude Desktop”."
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label="Scope"
          hint="Never more than your own role allows."
          value={scope}
          onChange={(e) => setScope(e.target.value as KeyScope)}
        >
          {SCOPES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Expires (optional)"
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
        />
        <div className="form-wide">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
    </section>
  );
}

function KeyTable({
  keys,
  onRevoked,
  onError,
}: {
  keys: ApiKey[];
  onRevoked: (name: string) => void;
  onError: (text: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function revoke(key: ApiKey) {
    setBusy(key.id);
    try {
      await revokeApiKey(key.id);
      onRevoked(key.name);
    } catch (error) {
      onError(errorMessage(error));
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Your API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} aria-busy={busy === key.id || undefined}>
              <td>
                {key.name} <code className="muted">{key.prefix}…</code>
              </td>
              <td>
                <Badge tone={key.scope === "read" ? "neutral" : key.scope === "write" ? "info" : "warning"}>
                  {key.scope}
                </Badge>
              </td>
              <td>{formatDate(key.createdAt)}</td>
              <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
              <td>{key.expiresAt ? formatDate(key.expiresAt) : "Never"}</td>
              <td className="actions">
                {confirming === key.id ? (
                  <span className="confirm" role="group" aria-label={`Confirm revoking ${key.name}`}>
                    <span>Revoke {key.name}?</span>
                    <button
                      type="button"
                      className="button button-danger button-small"
                      disabled={busy === key.id}
                      onClick={() => void revoke(key)}
                    >
                      Revoke
                    </button>
                    <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() => setConfirming(key.id)}
                  >
                    Revoke
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
