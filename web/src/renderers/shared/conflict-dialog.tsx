// A save refused because someone else saved first (412): take theirs, overwrite with mine, or
// go back to editing. Used by inline cell edits; the record form shows the same three choices inline.
import { Dialog } from "../../components/dialog";

export interface ConflictChoices {
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
  busy?: boolean;
}

export function ConflictDialog({
  what,
  onReload,
  onOverwrite,
  onCancel,
  busy = false,
}: ConflictChoices & { what: string }) {
  return (
    <Dialog title="Someone else saved this first" onClose={onCancel} closable={!busy}>
      <p>{what} changed since you loaded it, so your change was not saved.</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button" onClick={onReload} disabled={busy}>
          Reload theirs
        </button>
        <button type="button" className="button button-danger" onClick={onOverwrite} disabled={busy}>
          {busy ? "Saving…" : "Overwrite with mine"}
        </button>
      </div>
    </Dialog>
  );
}
