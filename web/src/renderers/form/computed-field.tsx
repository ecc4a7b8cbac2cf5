// A computed field in a form (spec/config.md "Computed fields"): never an input. A formula shows
// the value the shared evaluator gives for what is typed now — the same module the Worker stores
// it with — and a roll-up the value stored with the record (kept current by the server).
import { useId } from "react";
import type { FormField } from "@shared/config/form";
import { plainValue } from "../shared/plain-value";

export function ComputedField({ field, value }: { field: FormField; value: unknown }) {
  const id = useId();
  const helpId = `${id}-help`;
  const what = field.type === "formula" ? `Formula: ${field.formula ?? ""}` : "Roll-up, kept current by the server";
  return (
    <div className="field field-computed">
      <label htmlFor={id} className="field-label">
        {field.label}
      </label>
      <output
        id={id}
        className="input input-computed"
        aria-describedby={helpId}
        data-value={JSON.stringify(value ?? null)}
      >
        {plainValue(field, value)}
      </output>
      <p id={helpId} className="field-hint">
        {field.help ? `${field.help} · ` : ""}
        {what}
      </p>
    </div>
  );
}
