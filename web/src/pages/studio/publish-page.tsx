// /studio/publish — review every unpublished change, pick some, publish them as one version.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { publishConfig, type PublishResult } from "../../api/studio";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { syncConfig, useRuntimeConfigStore } from "../../state/runtime-config";
import { invalidateConfig, keys, queryClient, useApiQuery } from "../../state/server-state";
import { PendingList } from "../../studio/publish/pending-list";
import { PublishErrors } from "../../studio/publish/publish-errors";
import { loadPendingChanges, refId } from "../../studio/publish/use-pending-changes";

type Outcome =
  | { kind: "published"; result: PublishResult }
  | { kind: "invalid"; error: ApiError }
  | { kind: "conflict"; message: string }
  | { kind: "failed"; error: unknown };

export function PublishPage() {
  const version = useRuntimeConfigStore((s) => s.version);
  const pending = useApiQuery(keys.studio("pending", version), (signal) => loadPendingChanges(version, signal), {
    // Drafts are saved on other pages: asked again on every visit.
    staleTime: 0,
  });
  // What is left out, so every item of a (re)loaded list starts selected.
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const publishing = useMutation(
    {
      mutationFn: publishConfig,
      onMutate: () => setOutcome(null),
      onSuccess: async (result) => {
        setOutcome({ kind: "published", result });
        setMessage("");
        await syncConfig();
        await invalidateConfig();
      },
      onError: (error) => setOutcome(failure(error)),
    },
    queryClient,
  );
  const busy = publishing.isPending;

  const changes = pending.data ?? [];
  const selected = new Set(changes.map((c) => refId(c.id)).filter((id) => !excluded.has(id)));
  const select = (next: Set<string>) =>
    setExcluded(new Set(changes.map((c) => refId(c.id)).filter((id) => !next.has(id))));

  const publish = () =>
    publishing.mutate({
      items: changes.filter((c) => selected.has(refId(c.id))).map((c) => c.id),
      message: message.trim() || undefined,
      expectedVersion: version ?? 0,
    });

  const reload = () => {
    setOutcome(null);
    void syncConfig();
    pending.reload();
  };

  return (
    <div className="page">
      <PageHeader
        title="Publish"
        description={
          <>Live version: {version ?? "—"}. Publishing makes a new version that every open browser picks up at once.</>
        }
        actions={
          <button type="button" className="button" onClick={reload}>
            Reload
          </button>
        }
      />
      {outcome?.kind === "published" && (
        <Alert tone="success">
          Published version {outcome.result.version} with {outcome.result.items.length} change
          {outcome.result.items.length === 1 ? "" : "s"}. <Link to="/studio/versions">See versions</Link>
        </Alert>
      )}
      {outcome?.kind === "conflict" && (
        <div className="alert alert-danger" role="alert">
          {outcome.message}{" "}
          <button type="button" className="button button-small" onClick={reload}>
            Reload
          </button>
        </div>
      )}
      {outcome?.kind === "invalid" && <PublishErrors details={outcome.error.details} />}
      {outcome?.kind === "failed" && <ErrorState title="Couldn't publish" error={outcome.error} />}
      {pending.status === "loading" && !pending.data ? (
        <Loading label="Loading unpublished changes…" />
      ) : pending.status === "error" ? (
        <ErrorState title="Couldn't load the unpublished changes" error={pending.error} onRetry={pending.reload} />
      ) : changes.length === 0 ? (
        <EmptyState title="Nothing to publish">
          <p>
            Every draft is published. <Link to="/studio/new">Create an item</Link> or edit one from the{" "}
            <Link to="/studio">config items</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <PendingList changes={changes} selected={selected} onSelect={select} />
          <section className="panel form publish-form" aria-labelledby="publish-title">
            <h2 id="publish-title" className="panel-title">
              Publish {selected.size} of {changes.length}
            </h2>
            <div className="field">
              <label className="field-label" htmlFor="publish-message">
                Message
              </label>
              <input
                id="publish-message"
                className="input"
                maxLength={500}
                value={message}
                placeholder="What changed and why"
                onChange={(e) => setMessage(e.target.value)}
              />
            </div>
            <div>
              <button
                type="button"
                className="button button-primary"
                disabled={busy || selected.size === 0 || version === null}
                onClick={publish}
              >
                {busy ? "Publishing…" : `Publish ${selected.size} change${selected.size === 1 ? "" : "s"}`}
              </button>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function failure(error: unknown): Outcome {
  if (error instanceof ApiError && error.status === 422) return { kind: "invalid", error };
  if (error instanceof ApiError && error.status === 409)
    return {
      kind: "conflict",
      message:
        error.code === "version_conflict"
          ? "Someone else published while you were reviewing, so nothing was published. Reload to review the latest " +
            "changes."
          : error.message,
    };
  return { kind: "failed", error };
}
