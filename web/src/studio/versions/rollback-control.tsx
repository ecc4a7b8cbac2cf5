// One-click rollback, after a confirmation: a *new* version whose content equals this one.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/client";
import { rollbackTo, type PublishResult } from "../../api/studio";
import { invalidateConfig, queryClient } from "../../state/server-state";

export function RollbackControl({
  version,
  onDone,
}: {
  version: number;
  onDone: (result: PublishResult | null, error?: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const rollback = useMutation(
    {
      mutationFn: () => rollbackTo(version),
      onSuccess: (result) => {
        void invalidateConfig();
        onDone(result);
      },
      onError: (error) => onDone(null, errorMessage(error)),
      onSettled: () => setConfirming(false),
    },
    queryClient,
  );
  const busy = rollback.isPending;
  const run = () => rollback.mutate();
  if (!confirming) {
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => setConfirming(true)}
        aria-label={`Roll back to version ${version}`}
      >
        Roll back
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={`Confirm rollback to version ${version}`}>
      <span>Publish a new version equal to v{version}?</span>
      <button type="button" className="button button-danger button-small" disabled={busy} onClick={run}>
        {busy ? "Rolling back…" : "Roll back"}
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
