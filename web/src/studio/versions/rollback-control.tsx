// One-click rollback, after a confirmation: a *new* version whose content equals this one.
import { useState } from "react";
import { errorMessage } from "../../api/client";
import { rollbackTo, type PublishResult } from "../../api/studio";

export function RollbackControl({
  version,
  onDone,
}: {
  version: number;
  onDone: (result: PublishResult | null, error?: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      onDone(await rollbackTo(version));
    } catch (error) {
      onDone(null, errorMessage(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
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
      <button type="button" className="button button-danger button-small" disabled={busy} onClick={() => void run()}>
        {busy ? "Rolling back…" : "Roll back"}
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
