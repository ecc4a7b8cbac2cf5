// A computed field in a form (spec/config.md "Computed fields"): never an input. A formula shows
// the value the shared evaluator gives for what is typed now — the same module the Worker stores
// it with — and a roll-up the value stored with the record (kept current by the server).
import { useId } from "react";
import type { FormField } from "@shared/config/form";
import { valueTypeOf } from "@shared/config/field-types";
import { formatCurrency, formatDay, formatMoment, formatNumber, formatPercent } from "../shared/format";

function display(field: FormField, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (valueTypeOf(field)) {
    case "currency":
      return formatCurrency(value);
    case "percent":
      return formatPercent(value);
    case "number":
      return formatNumber(value);
    case "date":
      return formatDay(value);
    case "datetime":
      return formatMoment(value);
    case "boolean":
      return value === true ? "Yes" : "No";
    default:
      return String(value);
  }
}

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
        {display(field, value)}
      </output>
      <p id={helpId} className="field-hint">
        {field.help ? `${field.help} · ` : ""}
        {what}
      </p>
    </div>
  );
}
