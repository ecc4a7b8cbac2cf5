// The filter builder's rows and the `where` condition they make (config.md's condition shape).
import { valueTypeOf } from "@shared/config/field-types";
import type { Condition, ConditionLeaf, ConditionOp } from "@shared/config/condition";
import type { FormConfig } from "@shared/config/form";
import { canRead } from "@shared/records/access";
import { normalizeEmail, normalizeUrl } from "@shared/records/contact-values";
import type { Role } from "@shared/roles";
import type { ColumnKind, ColumnSpec } from "../shared/columns";

export interface FilterRow {
  field: string;
  op: ConditionOp;
  /** As typed; converted per field kind when the condition is made. */
  value: string;
}

const TEXT: ConditionOp[] = ["contains", "eq", "neq", "startsWith", "isEmpty", "isNotEmpty"];
const ORDERED: ConditionOp[] = ["eq", "neq", "gt", "gte", "lt", "lte", "isEmpty", "isNotEmpty"];
const TIME: ConditionOp[] = ["gt", "lt", "isEmpty", "isNotEmpty"];
const CHOICE: ConditionOp[] = ["eq", "neq", "isEmpty", "isNotEmpty"];

export const OPS_BY_KIND: Record<ColumnKind, ConditionOp[]> = {
  text: TEXT,
  textarea: TEXT,
  email: TEXT,
  phone: TEXT,
  url: TEXT,
  id: ["eq"],
  number: ORDERED,
  currency: ORDERED,
  percent: ORDERED,
  date: ["eq", ...TIME],
  datetime: TIME,
  timestamp: TIME,
  boolean: ["eq"],
  select: CHOICE,
  status: CHOICE,
  reference: CHOICE,
  user: CHOICE,
  member: CHOICE,
  multiselect: ["contains", "isEmpty", "isNotEmpty"],
};

const TIME_KINDS: ReadonlySet<ColumnKind> = new Set(["date", "datetime", "timestamp"]);

export function opLabel(op: ConditionOp, kind: ColumnKind): string {
  if (TIME_KINDS.has(kind) && (op === "gt" || op === "lt")) return op === "gt" ? "after" : "before";
  const labels: Partial<Record<ConditionOp, string>> = {
    eq: "is",
    neq: "is not",
    contains: "contains",
    startsWith: "starts with",
    gt: ">",
    gte: "≥",
    lt: "<",
    lte: "≤",
    isEmpty: "is empty",
    isNotEmpty: "is not empty",
  };
  return labels[op] ?? op;
}

export const takesValue = (op: ConditionOp) => op !== "isEmpty" && op !== "isNotEmpty";

/** What one may filter by: the readable fields, the workflow status, when records were made and changed. */
export function filterFields(form: FormConfig | undefined, role: Role, hasWorkflow: boolean): ColumnSpec[] {
  const fields: ColumnSpec[] = (form?.fields ?? [])
    .filter((f) => canRead(f, role))
    .map((f) => ({ field: f.name, label: f.label, kind: valueTypeOf(f), def: f }));
  if (hasWorkflow) fields.push({ field: "status", label: "Status", kind: "status" });
  fields.push(
    { field: "createdAt", label: "Created", kind: "timestamp" },
    { field: "updatedAt", label: "Updated", kind: "timestamp" },
  );
  return fields;
}

// Values that fields store normalised (E.164 phones, serialised URLs) are compared as stored.
const NORMALISED: ReadonlySet<ColumnKind> = new Set(["email", "phone", "url"]);

// Values must fit the field's type (CONDITIONS.md): numbers as numbers, and the date picker's
// day as the instant that day starts (UTC) for date-times and createdAt / updatedAt.
function convert(kind: ColumnKind, op: ConditionOp, value: string): ConditionLeaf["value"] | undefined {
  const text = value.trim();
  if (kind === "number" || kind === "currency" || kind === "percent") {
    const n = Number(text);
    return text && Number.isFinite(n) ? n : undefined;
  }
  if (kind === "boolean") return text === "true";
  if ((kind === "datetime" || kind === "timestamp") && /^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
  if (NORMALISED.has(kind) && (op === "eq" || op === "neq")) {
    // An international phone number's E.164 form is its "+" and digits (national ones need the
    // tenant's country: the server says how to write them).
    const stored =
      kind === "email"
        ? normalizeEmail(text)
        : kind === "url"
          ? normalizeUrl(text)
          : /^\+[\d\s().-]+$/.test(text)
            ? `+${text.replace(/\D/g, "")}`
            : null;
    if (stored) return stored;
  }
  return text ? text : undefined;
}

/** Rows with a usable value, all of which must hold; null when there are none. */
export function toCondition(rows: readonly FilterRow[], fields: readonly ColumnSpec[]): Condition | null {
  const leaves: Condition[] = [];
  for (const row of rows) {
    const spec = fields.find((f) => f.field === row.field);
    if (!spec) continue;
    if (!takesValue(row.op)) {
      leaves.push({ field: row.field, op: row.op });
      continue;
    }
    const value = convert(spec.kind, row.op, row.value);
    if (value !== undefined) leaves.push({ field: row.field, op: row.op, value });
  }
  if (leaves.length === 0) return null;
  return leaves.length === 1 ? leaves[0]! : { all: leaves };
}
