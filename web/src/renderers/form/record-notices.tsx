import type { CrmRecord } from "../../api/types";
import { usePersonName } from "../shared/members";

/** "Someone else changed this record": a newer version is waiting, and/or a save hit a 412. */
export function RecordNotices({ stale, conflict, onTakeStale, onReload }: {
  stale: CrmRecord | null;
  conflict: boolean;
  onTakeStale(): void;
  onReload?: () => void;
}) {
  const savedBy = usePersonName(stale?.updatedBy ?? null);
  if (!stale && !conflict) return null;
  const take = stale
    ? <button type="button" className="button button-small" onClick={onTakeStale}>Load their changes (discard mine)</button>
    : onReload && <button type="button" className="button button-small" onClick={onReload}>Reload the record</button>;
  return (
    <div className="notice notice-warning" role={conflict ? "alert" : "status"}>
      <p>
        {conflict
          ? "This record changed since you opened it, so your changes were not saved."
          : stale?.updatedBy && savedBy !== "You"
            ? `This record was changed by someone else while you were editing: ${savedBy} saved it.`
            : "This record was changed by someone else while you were editing."}
      </p>
      {take}
    </div>
  );
}
