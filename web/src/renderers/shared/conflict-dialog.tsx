// A save refused because someone else saved first (412): take theirs, overwrite with mine, or
// go back to editing, with the server's version beside the change when it is known. Used by inline
// cell edits and board moves; the record form shows the same three choices inline.
import type { ReactNode } from "react";
import { Dialog } from "../../components/dialog";

export interface ConflictChoices {
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
  busy?: boolean;
  /** What the server has now and what was tried, when known. */
  versions?: { theirs: ReactNode; mine: ReactNode };
}

export function ConflictDialog({
  what,
  onReload,
  onOverwrite,
  onCancel,
  busy = false,
  versions,
}: ConflictChoices & { what: string }) {
  return (
    <Dialog title="Someone else saved this first" onClose={onCancel} closable={!busy}>
      <p>{what} changed since you loaded it, so your change was not saved.</p>
      {versions && (
        <dl className="conflict-versions">
          <dt>Theirs, saved now</dt>
          <dd>{versions.theirs}</dd>
          <dt>Yours</dt>
          <dd>{versions.mine}</dd>
        </dl>
      )}
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
