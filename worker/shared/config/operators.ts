import type { SystemField } from "./common";
import type { ConditionOp } from "./condition";
import type { FieldType } from "./field-types";

// What a condition's operator means depends on the kind of value its field holds. This table is
// the one definition the JS evaluator (evaluate.ts) and the SQL compiler
// (services/records/query.ts) both implement; CONDITIONS.md states it in words.

export type ValueKind =
  | "text" // free text, phone numbers, URLs: exact eq/in, code-point order, folded contains/startsWith
  | "email" // like text, but eq/in/contains/startsWith compare case-folded
  | "choice" // select options and workflow status: exact eq/in only
  | "id" // references, users, owner, record id: exact eq/in, "$user"
  | "number"
  | "boolean"
  | "date" // "YYYY-MM-DD", a calendar day in the tenant's time zone
  | "datetime" // an instant stored as a canonical ISO string (toISOString)
  | "time" // createdAt / updatedAt: an instant stored as ms (ISO strings accepted on the JS side)
  | "list"; // a multiselect: a set of option values

// Keyed by every field type: a new type does not compile until it says what its values are.
export const KIND_OF_TYPE: Record<FieldType, ValueKind> = {
  text: "text",
  textarea: "text",
  phone: "text",
  url: "text",
  email: "email",
  number: "number",
  currency: "number",
  percent: "number",
  date: "date",
  datetime: "datetime",
  boolean: "boolean",
  select: "choice",
  multiselect: "list",
  reference: "id",
  user: "id",
};

export const SYSTEM_KINDS: Record<SystemField, ValueKind> = {
  id: "id",
  status: "choice",
  ownerId: "id",
  createdBy: "id",
  updatedBy: "id",
  createdAt: "time",
  updatedAt: "time",
};

const ALWAYS: readonly ConditionOp[] = ["isEmpty", "isNotEmpty", "changed", "changedTo"];
const EQUALITY: readonly ConditionOp[] = ["eq", "neq", "in", "nin"];
const ORDER: readonly ConditionOp[] = ["gt", "gte", "lt", "lte"];
const SEARCH: readonly ConditionOp[] = ["contains", "startsWith"];

/** The operators each kind of value supports; any other operator is refused by validation. */
export const OPS_OF_KIND: Record<ValueKind, readonly ConditionOp[]> = {
  text: [...EQUALITY, ...ORDER, ...SEARCH, ...ALWAYS],
  email: [...EQUALITY, ...SEARCH, ...ALWAYS],
  choice: [...EQUALITY, ...ALWAYS],
  id: [...EQUALITY, ...ALWAYS],
  number: [...EQUALITY, ...ORDER, ...ALWAYS],
  boolean: [...EQUALITY, ...ALWAYS],
  date: [...EQUALITY, ...ORDER, ...ALWAYS],
  datetime: [...EQUALITY, ...ORDER, ...ALWAYS],
  time: [...EQUALITY, ...ORDER, ...ALWAYS],
  list: ["in", "nin", "contains", ...ALWAYS],
};

/** What a value of each kind must look like in a condition (for messages). */
export const KIND_VALUE_HINT: Record<ValueKind, string> = {
  text: "text",
  email: "text",
  choice: "one of the field's options",
  id: 'an id or "$user"',
  number: "a number",
  boolean: "true or false",
  date: 'a date like 2026-03-31, or "$now", "$now-7d"',
  datetime: 'a date and time with a zone like 2026-03-31T09:30:00Z, or "$now", "$now-2h"',
  time: 'a date and time with a zone like 2026-03-31T09:30:00Z, or "$now", "$now-2h"',
  list: "one of the field's options",
};

export function supportsOp(kind: ValueKind, op: ConditionOp): boolean {
  return OPS_OF_KIND[kind].includes(op);
}

/** Text kinds: an empty string counts as empty there, and contains/startsWith fold case. */
export function isTextKind(kind: ValueKind): boolean {
  return kind === "text" || kind === "email" || kind === "choice" || kind === "id";
}

/** Ops whose operand is compared case-folded for this kind. */
export function foldsOperand(kind: ValueKind, op: ConditionOp): boolean {
  if (op === "contains" || op === "startsWith") return kind === "text" || kind === "email";
  return kind === "email" && (EQUALITY.includes(op) || op === "changedTo");
}
