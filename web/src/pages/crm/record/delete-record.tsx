// Soft delete (manager and above), after a confirmation.
import { useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../../api/client";
import { deleteRecord } from "../../../api/records";
import type { CrmRecord } from "../../../api/types";
import { Alert } from "../../../components/status";

export function DeleteRecord({ entity, record, noun }: { entity: string; record: CrmRecord; noun: string }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteRecord(entity, record.id, record.version);
      void navigate(`/crm/${entity}`, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`Delete this ${noun}`}>
      <span>Delete this {noun}? It leaves every list; the audit trail keeps it.</span>
      <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy} autoFocus>
        {busy ? "Deleting…" : `Yes, delete`}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy}>
        Cancel
      </button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
