// Edit one value right in the table: click it (or focus it and press Enter or F2);
// Enter or blur saves with If-Match (shown at once, taken back if refused), Escape cancels.
// A 412 asks, with the server's value beside yours: theirs, mine, or back to editing.
import { useMutation } from "@tanstack/react-query";
import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { FormField } from "@shared/config/form";
import { ApiError, errorMessage } from "../../api/client";
import { getRecord, updateRecord } from "../../api/records";
import type { CrmRecord } from "../../api/types";
import { queryClient } from "../../state/server-state";
import { ConflictDialog } from "../shared/conflict-dialog";
import { plainValue } from "../shared/plain-value";
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
  /** The server's version of the row. */
  onSaved(record: CrmRecord): void;
  /** Change the row where it is shown (the optimistic value, and taking it back). */
  onChange(id: string, change: (record: CrmRecord) => CrmRecord): void;
}

const toInput = (def: FormField, value: unknown): string =>
  value === null || value === undefined ? "" : def.type === "date" ? String(value).slice(0, 10) : String(value);
function toValue(def: FormField, input: string): unknown {
  if (def.type === "boolean") return input === "true";
  return input.trim() === "" ? null : def.type === "text" ? input : input.trim();
}
const NUMERIC = new Set(["number", "currency", "percent"]);
/** The value as the server will store it (it coerces "250" to 250), to show before it answers. */
function shownValue(def: FormField, input: string): unknown {
  const value = toValue(def, input);
  return NUMERIC.has(def.type) && typeof value === "string" && Number.isFinite(Number(value)) ? Number(value) : value;
}

interface Edit {
  input: string;
  version: number;
}

export function InlineCell({ entity, record, def, label, children, onSaved, onChange }: InlineCellProps) {
  const [draft, setDraftState] = useState<string | null>(null);
  // The version the user saw when they started editing: a save is checked against it, so a change
  // that arrives live while they type is a conflict, not silently overwritten.
  const [seen, setSeen] = useState(record.version);
  const setDraft = (next: string | null) => {
    if (draft === null && next !== null) setSeen(record.version);
    setDraftState(next);
  };
  const [fetching, setFetching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A refused save: the server's version once it has been read.
  const [conflict, setConflict] = useState<{ theirs: CrmRecord | null } | null>(null);
  const original = toInput(def, record.data?.[def.name]);

  // The new value shows at once; a refusal takes it back and opens the editor again with what was typed.
  const mutation = useMutation(
    {
      mutationFn: ({ input, version }: Edit) =>
        updateRecord(entity, record.id, { [def.name]: toValue(def, input) }, version),
      onMutate: ({ input }: Edit) => {
        const before = record;
        onChange(record.id, (r) => ({ ...r, data: { ...r.data, [def.name]: shownValue(def, input) } }));
        setDraftState(null);
        setError(null);
        return { before };
      },
      onError: (e, { input }, context) => {
        const before = context?.before;
        if (before) onChange(record.id, (r) => (r.version === before.version ? before : r));
        setDraftState(input);
        if (!isVersionConflict(e))
          return setError(e instanceof ApiError && e.details[0] ? e.details[0].message : errorMessage(e));
        setConflict({ theirs: null });
        getRecord(entity, record.id).then(
          (theirs) => setConflict((c) => c && { theirs }),
          () => {}, // the prompt still offers both choices; each asks the server again
        );
      },
      onSuccess: (saved) => {
        onSaved(saved);
        setConflict(null);
      },
    },
    queryClient,
  );
  const busy = fetching || mutation.isPending;

  const save = (input: string, version: number) => {
    if (input === original && !conflict) return setDraft(null);
    mutation.mutate({ input, version });
  };

  const overwrite = async () => {
    if (draft === null) return;
    setFetching(true);
    try {
      const latest = await getRecord(entity, record.id);
      save(draft, latest.version);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setFetching(false);
    }
  };
  const reload = async () => {
    const theirs = conflict?.theirs;
    setConflict(null);
    setDraft(null);
    try {
      onSaved(theirs ?? (await getRecord(entity, record.id)));
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
        aria-busy={mutation.isPending || undefined}
        // A click on an editable cell edits it (as in Twenty or HubSpot); links inside still open.
        // While a save is under way the cell waits for its answer.
        onClick={(e) => !(e.target as HTMLElement).closest("a") && !mutation.isPending && setDraft(original)}
        onKeyDown={(e) => {
          if (e.target !== e.currentTarget || (e.key !== "Enter" && e.key !== "F2") || mutation.isPending) return;
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
          versions={{
            theirs: conflict.theirs ? plainValue(def, conflict.theirs.data?.[def.name]) : "…",
            mine: plainValue(def, shownValue(def, draft)),
          }}
          onCancel={() => setConflict(null)}
          onReload={() => void reload()}
          onOverwrite={() => void overwrite()}
        />
      )}
    </div>
  );
}
