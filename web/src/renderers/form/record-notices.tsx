import type { CrmRecord } from "../../api/types";
import { usePersonName } from "../shared/members";

/** "Someone else changed this record": a newer version is waiting, and/or a save hit a 412. */
export function RecordNotices({
  stale,
  conflict,
  onTakeStale,
  onReload,
  onOverwrite,
  onDismiss,
  busy = false,
}: {
  stale: CrmRecord | null;
  conflict: boolean;
  onTakeStale(): void;
  onReload?: () => void;
  /** After a 412: save my changes over the newest version. */
  onOverwrite?: () => void;
  /** After a 412: keep editing, decide later. */
  onDismiss?: () => void;
  busy?: boolean;
}) {
  if (!stale && !conflict) return null;
  const take =
    stale && !conflict ? (
      <button type="button" className="button button-small" onClick={onTakeStale}>
        Load their changes (discard mine)
      </button>
    ) : (
      <div className="row">
        {(stale || onReload) && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={stale ? onTakeStale : onReload}
          >
            Reload theirs
          </button>
        )}
        {onOverwrite && (
          <button type="button" className="button button-small button-danger" disabled={busy} onClick={onOverwrite}>
            {busy ? "Saving…" : "Overwrite with mine"}
          </button>
        )}
        {onDismiss && (
          <button type="button" className="button button-small" disabled={busy} onClick={onDismiss}>
            Cancel
          </button>
        )}
      </div>
    );
  return (
    <div className="notice notice-warning" role={conflict ? "alert" : "status"}>
      <p>
        {conflict ? (
          "This record changed since you opened it, so your changes were not saved."
        ) : stale?.updatedBy ? (
          <SavedBy id={stale.updatedBy} />
        ) : (
          "This record was changed by someone else while you were editing."
        )}
      </p>
      {take}
    </div>
  );
}

// Only asked for when a newer version is waiting, so a form alone never loads the member list.
function SavedBy({ id }: { id: string }) {
  const name = usePersonName(id);
  return (
    <>This record was changed by someone else while you were editing{name === "You" ? "." : `: ${name} saved it.`}</>
  );
}
