// Edit one value right in the table: click it (or focus it and press Enter or F2);
// Enter or blur saves with If-Match, Escape cancels. A 412 asks: theirs, mine, or cancel.
import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { FormField } from "@shared/config/form";
import { ApiError, errorMessage } from "../../api/client";
import { getRecord, updateRecord } from "../../api/records";
import type { CrmRecord } from "../../api/types";
import { ConflictDialog } from "../shared/conflict-dialog";
import { isVersionConflict } from "../form/submit-errors";

/** Field types simple enough for a one-line editor. */
const INLINE_TYPES = new Set([
  "text",
  "email",
  "phone",
  "url",
  "number",
  "currency",
  "percent",
  "date",
  "select",
  "boolean",
]);
export const inlineEditable = (def: FormField | undefined) => Boolean(def && INLINE_TYPES.has(def.type));

interface InlineCellProps {
  entity: string;
  record: CrmRecord;
  def: FormField;
  label: string;
  children: ReactNode;
  onSaved(record: CrmRecord): void;
}

const toInput = (def: FormField, value: unknown): string =>
  value === null || value === undefined ? "" : def.type === "date" ? String(value).slice(0, 10) : String(value);
function toValue(def: FormField, input: string): unknown {
  if (def.type === "boolean") return input === "true";
  return input.trim() === "" ? null : def.type === "text" ? input : input.trim();
}

export function InlineCell({ entity, record, def, label, children, onSaved }: InlineCellProps) {
  const [draft, setDraftState] = useState<string | null>(null);
  // The version the user saw when they started editing: a save is checked against it, so a change
  // that arrives live while they type is a conflict, not silently overwritten.
  const [seen, setSeen] = useState(record.version);
  const setDraft = (next: string | null) => {
    if (draft === null && next !== null) setSeen(record.version);
    setDraftState(next);
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const original = toInput(def, record.data?.[def.name]);

  const save = async (input: string, version: number) => {
    if (input === original && !conflict) return setDraft(null);
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateRecord(entity, record.id, { [def.name]: toValue(def, input) }, version));
      setDraft(null);
      setConflict(false);
    } catch (e) {
      if (isVersionConflict(e)) setConflict(true);
      else setError(e instanceof ApiError && e.details[0] ? e.details[0].message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const overwrite = async () => {
    if (draft === null) return;
    setBusy(true);
    try {
      const latest = await getRecord(entity, record.id);
      await save(draft, latest.version);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  const reload = async () => {
    setConflict(false);
    setDraft(null);
    try {
      onSaved(await getRecord(entity, record.id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void save(event.currentTarget.value, seen);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
      setError(null);
    }
  };

  if (draft === null) {
    return (
      // The cell itself is the control (no button inside), so rows keep their names and values read as before.
      <div
        className="inline-cell"
        tabIndex={0}
        title={`Click or press Enter to edit ${label}`}
        data-editable="true"
        // A click on an editable cell edits it (as in Twenty or HubSpot); links inside still open.
        onClick={(e) => !(e.target as HTMLElement).closest("a") && setDraft(original)}
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget || (e.key !== "Enter" && e.key !== "F2")) return;
          e.preventDefault();
          setDraft(original);
        }}
      >
        {children}
      </div>
    );
  }
  const common = {
    className: "input input-compact inline-input",
    "aria-label": label,
    autoFocus: true,
    disabled: busy,
    "aria-invalid": error ? (true as const) : undefined,
    onKeyDown: onKey,
  };
  return (
    <div className="inline-cell inline-cell-editing">
      {def.type === "select" || def.type === "boolean" ? (
        <select
          {...common}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            void save(e.target.value, seen);
          }}
        >
          {def.type === "boolean" ? (
            <>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </>
          ) : (
            <>
              <option value="">—</option>
              {def.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </>
          )}
        </select>
      ) : (
        <input
          {...common}
          value={draft}
          type={def.type === "date" ? "date" : def.type === "email" ? "email" : "text"}
          inputMode={def.type === "number" || def.type === "currency" || def.type === "percent" ? "decimal" : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => !conflict && !busy && void save(e.target.value, seen)}
        />
      )}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
      {conflict && (
        <ConflictDialog
          what="This record"
          busy={busy}
          onCancel={() => setConflict(false)}
          onReload={() => void reload()}
          onOverwrite={() => void overwrite()}
        />
      )}
    </div>
  );
}
