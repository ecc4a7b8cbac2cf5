// A value as plain text (history entries, announcements), by its field's type.
import { valueTypeOf } from "@shared/config/field-types";
import type { FormField } from "@shared/config/form";
import type { WorkflowConfig } from "@shared/config/workflow";
import { formatCurrency, formatDay, formatMoment, formatNumber, formatPercent } from "./format";
import { stepLabel } from "./status-badge";

export function plainValue(
  def: FormField | undefined,
  value: unknown,
  workflow?: WorkflowConfig,
  field?: string,
): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "—";
  if (field === "status" && typeof value === "string") return stepLabel(workflow, value);
  const label = (v: unknown) => def?.options?.find((o) => o.value === v)?.label ?? String(v);
  // A computed field reads as the type it stores (a formula's result type, a roll-up's number).
  switch (def ? valueTypeOf(def) : undefined) {
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
    case "select":
      return label(value);
    case "multiselect":
      return Array.isArray(value) ? value.map(label).join(", ") : label(value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
