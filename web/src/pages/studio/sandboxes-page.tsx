// /studio/sandboxes: make a sandbox of this tenant, open it, review its changes against
// production item by item and promote them as one publish (undo: one rollback).
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import {
  createSandbox,
  listSandboxes,
  productionSession,
  sandboxSession,
  setSandboxEgress,
  type Sandbox,
} from "../../api/sandboxes";
import { Badge } from "../../components/badge";
import { TextField } from "../../components/field";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { formatDateTime } from "../../lib/format";
import { PromotionPanel } from "../../studio/sandboxes/promotion-panel";
import { keys, queryClient, useApiQuery } from "../../state/server-state";
import { switchTo } from "../../studio/sandboxes/switch";

const SANDBOXES = keys.admin("sandboxes");
const refreshList = () => queryClient.invalidateQueries({ queryKey: SANDBOXES });

export function SandboxesPage() {
  const list = useApiQuery(SANDBOXES, (signal) => listSandboxes(signal));
  const [name, setName] = useState("");
  const [reviewing, setReviewing] = useState<string | null>(null);
  const navigate = useNavigate();
  // One action at a time; `key` says which button is busy, the last failure shows above the list.
  const action = useMutation(
    { mutationFn: ({ run }: { key: string; run: () => Promise<void> }) => run() },
    queryClient,
  );
  const busy = action.isPending ? action.variables.key : null;
  const error = action.error;
  const act = (key: string, run: () => Promise<void>) => action.mutate({ key, run });
  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    void act("create", async () => {
      const sandbox = await createSandbox(name.trim());
      setName("");
      await refreshList();
      setReviewing(sandbox.id);
    });
  };
  const open = (s: Sandbox) =>
    act(`open:${s.id}`, async () => {
      switchTo(await sandboxSession(s.id));
      navigate("/studio");
    });
  const toggleEgress = (s: Sandbox) =>
    act(`egress:${s.id}`, async () => {
      await setSandboxEgress(s.id, !s.allowEgress);
      await refreshList();
    });

  if (list.data?.production) {
    const production = list.data.production;
    return (
      <div className="page">
        <PageHeader title="Sandboxes" description={`This workspace is a sandbox of ${production.name}.`} />
        <p>Promote its changes from the Studio of {production.name}: Sandboxes → Review changes.</p>
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          onClick={() =>
            act("back", async () => {
              switchTo(await productionSession());
              navigate("/studio/sandboxes");
            })
          }
        >
          Back to {production.name}
        </button>
        {error && <Alert>{errorMessage(error)}</Alert>}
      </div>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title="Sandboxes"
        description="Try configuration in a copy of this workspace, then promote it here as one version."
      />
      {error && <Alert>{errorMessage(error)}</Alert>}
      <form className="card sandbox-create" onSubmit={onCreate} aria-label="New sandbox">
        <TextField
          label="Sandbox name"
          value={name}
          required
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          hint="Gets a copy of the published config and you as its only member; no records, e-mail or webhooks."
        />
        <button type="submit" className="button button-primary" disabled={busy === "create" || !name.trim()}>
          {busy === "create" ? "Creating…" : "Create sandbox"}
        </button>
      </form>
      {list.status === "loading" && !list.data ? (
        <Loading label="Loading sandboxes…" />
      ) : list.status === "error" && !list.data ? (
        <ErrorState title="Couldn't load sandboxes" error={list.error} onRetry={list.reload} />
      ) : !list.data?.sandboxes.length ? (
        <EmptyState title="No sandboxes yet">Create one to try changes without touching this workspace.</EmptyState>
      ) : (
        <ul className="plain-list" aria-label="Sandboxes">
          {list.data.sandboxes.map((s) => (
            <li key={s.id} className="card sandbox-row">
              <div className="sandbox-row-head">
                <div>
                  <strong>{s.name}</strong>{" "}
                  <Badge tone={s.allowEgress ? "warning" : "neutral"}>
                    {s.allowEgress ? "e-mail and webhooks on" : "e-mail and webhooks off"}
                  </Badge>
                  <div className="muted">
                    Created {formatDateTime(s.createdAt)} · <code>{s.slug}</code>
                  </div>
                </div>
                <div className="sandbox-row-actions">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy !== null}
                    onClick={() => open(s)}
                  >
                    Open sandbox
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={reviewing === s.id}
                    onClick={() => setReviewing(reviewing === s.id ? null : s.id)}
                  >
                    {reviewing === s.id ? "Hide changes" : "Review changes"}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy !== null}
                    onClick={() => toggleEgress(s)}
                  >
                    {s.allowEgress ? "Turn e-mail and webhooks off" : "Allow e-mail and webhooks"}
                  </button>
                </div>
              </div>
              {reviewing === s.id && <PromotionPanel sandbox={s} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
