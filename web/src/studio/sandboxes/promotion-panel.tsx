// A sandbox's changes against production, item by item, and the one-click promotion (with its undo).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { previewPromotion, promoteSandbox, type Sandbox } from "../../api/sandboxes";
import { rollbackTo } from "../../api/studio";
import { errorMessage } from "../../api/client";
import { Badge, type BadgeTone } from "../../components/badge";
import { TextField } from "../../components/field";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { syncConfig } from "../../state/runtime-config";
import { invalidateConfig, keys, queryClient, useApiQuery } from "../../state/server-state";
import { ChangeDiff } from "../publish/change-diff";

const TONES: Record<string, BadgeTone> = { added: "success", modified: "warning", removed: "danger" };
const label = (i: { namespace: string; entity: string; key: string }) => `${i.namespace}/${i.entity}/${i.key}`;

export function PromotionPanel({ sandbox }: { sandbox: Sandbox }) {
  // Under `config`: a publish in production changes what the sandbox would promote.
  const preview = useApiQuery(keys.studio("promotion", sandbox.id), (signal) => previewPromotion(sandbox.id, signal), {
    staleTime: 0,
  });
  const [message, setMessage] = useState("");
  const [notice, setNotice] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [promoted, setPromoted] = useState<number | null>(null);
  // A promotion or its undo publishes in production: the runtime config and every config query follow.
  const action = useMutation(
    {
      mutationFn: (act: () => Promise<string>) => act(),
      onMutate: () => setNotice(null),
      onSuccess: (text) => {
        setNotice({ tone: "success", text });
        void syncConfig();
      },
      onError: (error) => setNotice({ tone: "danger", text: errorMessage(error) }),
      onSettled: () => invalidateConfig(),
    },
    queryClient,
  );
  const busy = action.isPending;
  const run = (act: () => Promise<string>) => action.mutate(act);
  const promote = () =>
    run(async () => {
      const result = await promoteSandbox(sandbox.id, {
        message: message.trim() || undefined,
        expectedVersion: preview.data?.version,
      });
      setPromoted(result.version);
      return `Promoted: production is now version ${result.version}.`;
    });
  const undo = (version: number) =>
    run(async () => {
      const result = await rollbackTo(version - 1, `Undo promotion of sandbox "${sandbox.name}"`);
      setPromoted(null);
      return `Undone: version ${result.version} has the content of version ${version - 1}.`;
    });

  const data = preview.data;
  return (
    <section className="card sandbox-promotion" aria-label={`Promote ${sandbox.name}`}>
      {notice && (
        <Alert tone={notice.tone}>
          {notice.text}{" "}
          {promoted !== null && notice.tone === "success" && (
            <button type="button" className="button button-small" disabled={busy} onClick={() => undo(promoted)}>
              Undo promotion
            </button>
          )}
        </Alert>
      )}
      {preview.status === "loading" && !data ? (
        <Loading label="Comparing the sandbox with production…" />
      ) : preview.status === "error" && !data ? (
        <ErrorState
          title="Couldn't compare the sandbox with production"
          error={preview.error}
          onRetry={preview.reload}
        />
      ) : !data?.changes.length ? (
        <EmptyState title="Nothing to promote">Production already has every change made in this sandbox.</EmptyState>
      ) : (
        <>
          <p className="muted">
            {data.changes.length} change{data.changes.length === 1 ? "" : "s"} against production version {data.version}
            :
          </p>
          <ul className="plain-list" aria-label="Changes to promote">
            {data.changes.map((c) => (
              <li key={label(c)} className="card">
                <details>
                  <summary>
                    <code>{label(c)}</code> <Badge tone={TONES[c.change] ?? "neutral"}>{c.change}</Badge>
                    {data.conflicts.some((x) => label(x) === label(c)) && (
                      <>
                        {" "}
                        <Badge tone="danger">also changed in production</Badge>
                      </>
                    )}
                  </summary>
                  <ChangeDiff before={c.before} after={c.after} />
                </details>
              </li>
            ))}
          </ul>
          {data.errors.length > 0 && (
            <Alert>
              Production would not accept these changes:
              <ul>
                {data.errors.map((e) => (
                  <li key={`${e.path}:${e.message}`}>
                    <code>{e.path}</code>: {e.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <div className="sandbox-promote-row">
            <TextField
              label="Message"
              value={message}
              placeholder={`Promote sandbox "${sandbox.name}"`}
              onChange={(e) => setMessage(e.target.value)}
            />
            <button type="button" className="button button-primary" disabled={busy || !data.valid} onClick={promote}>
              {busy ? "Promoting…" : "Promote to production"}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
