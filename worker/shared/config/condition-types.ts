import { coerceValue } from "../records/coerce";
import { walkCondition, type Condition, type ConditionLeaf, type ConditionPath } from "./condition";
import type { FieldType } from "./field-types";
import type { FormField } from "./form";
import { scalarOperand } from "./operands";
import { KIND_OF_TYPE, KIND_VALUE_HINT, OPS_OF_KIND, SYSTEM_KINDS, supportsOp, type ValueKind } from "./operators";

// Validation's side of CONDITIONS.md: a leaf whose operator its field's type lacks, or whose
// value does not fit that type, would match nothing; validate and publish refuse it instead.

export type TypeIssue = { path: ConditionPath; message: string };
/** What the check needs of a field: its type. */
export type FieldShape = { type: string };
export type FieldLookup = (field: string) => FieldShape | string | undefined;

// Placeholders: only whether a token fits matters here, not what it resolves to.
const PROBE_ENV = { now: 0, timeZone: "UTC", userId: "user" };
// Values these types store normalised: a condition must name them the way they are stored.
const STORED_FORM: readonly string[] = ["email", "phone", "url"];
const EXACT_OPS: readonly string[] = ["eq", "neq", "in", "nin", "changedTo"];

function shapeOf(lookup: FieldLookup, field: string): { kind: ValueKind; shape?: FieldShape } | undefined {
  if (Object.hasOwn(SYSTEM_KINDS, field)) return { kind: SYSTEM_KINDS[field as keyof typeof SYSTEM_KINDS] };
  const found = lookup(field);
  const shape = typeof found === "string" ? { type: found } : found;
  if (!shape || !Object.hasOwn(KIND_OF_TYPE, shape.type)) return undefined;
  return { kind: KIND_OF_TYPE[shape.type as FieldType], shape };
}

function valueProblem(
  kind: ValueKind,
  leaf: ConditionLeaf,
  item: unknown,
  shape: FieldShape | undefined,
): string | null {
  if (item === null)
    return leaf.op === "in" || leaf.op === "nin" || leaf.op === "eq" || leaf.op === "neq" || leaf.op === "changedTo"
      ? null
      : `"${leaf.op}" needs a value, not null`;
  const label = shape ? `${shape.type} field` : `"${leaf.field}"`;
  if (scalarOperand(kind, leaf.op, item, PROBE_ENV) === undefined)
    return `must be ${KIND_VALUE_HINT[kind]} to compare with the ${label} "${leaf.field}"`;
  if (typeof item !== "string" || item.startsWith("$")) return null;
  if (shape && STORED_FORM.includes(shape.type) && EXACT_OPS.includes(leaf.op)) {
    const stored = coerceValue({ name: leaf.field, label: leaf.field, type: shape.type as FormField["type"] }, item);
    if (!stored.ok) return `${stored.message} (the ${shape.type} field "${leaf.field}")`;
    if (shape.type !== "email" && stored.value !== item) return `write it as stored: ${JSON.stringify(stored.value)}`;
  }
  return null;
}

function leafIssues(leaf: ConditionLeaf, at: ConditionPath, lookup: FieldLookup): TypeIssue[] {
  const found = shapeOf(lookup, leaf.field);
  if (!found) return []; // an unknown field is reported by the reference check
  const { kind, shape } = found;
  if (!supportsOp(kind, leaf.op)) {
    const what = shape ? `${shape.type} fields` : `"${leaf.field}"`;
    return [
      { path: [...at, "op"], message: `"${leaf.op}" does not apply to ${what} (use ${OPS_OF_KIND[kind].join(", ")})` },
    ];
  }
  if (leaf.value === undefined) return [];
  const items = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  return items.flatMap((item, i) => {
    const problem = valueProblem(kind, leaf, item, shape);
    if (!problem) return [];
    return [{ path: Array.isArray(leaf.value) ? [...at, "value", i] : [...at, "value"], message: problem }];
  });
}

/** Every leaf of `cond` whose operator or value does not fit its field's type (refs are not followed). */
export function conditionTypeIssues(cond: Condition, lookup: FieldLookup): TypeIssue[] {
  const issues: TypeIssue[] = [];
  walkCondition(cond, (node, at) => {
    if ("field" in node) issues.push(...leafIssues(node, at, lookup));
  });
  return issues;
}
