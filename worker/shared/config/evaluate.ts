import { isIsoDate, parseDatetimeMs } from "../records/coerce";
import { isLeaf, walkCondition } from "./condition";
import type { Condition, ConditionLeaf, ConditionOp } from "./condition";
import { compareText, foldText, resolveLeaf, type Operand, type Scalar } from "./operands";
import { KIND_OF_TYPE, SYSTEM_KINDS, foldsOperand, isTextKind, type ValueKind } from "./operators";
import type { FieldType } from "./field-types";

// The JS side of CONDITIONS.md: forms' visibleWhen/requiredWhen, automations, approvals, SLAs,
// routing and workflow transitions. services/records/query.ts compiles the same meaning to SQL.

export type EvalContext = {
  record: Record<string, unknown>;
  // The record before the write; absent on create, where every field counts as previously empty.
  previous?: Record<string, unknown>;
  now: Date | number;
  userId?: string;
  resolveRef?: (key: string) => Condition | undefined;
  /** Field name → form field type. Without it a field's kind is guessed from the record's value. */
  types?: ReadonlyMap<string, string>;
  /** The tenant's time zone, for dates against "$now" (default UTC). */
  timeZone?: string;
};

// Refs nest named conditions; a cycle or an absurdly deep chain makes the whole condition false.
export const MAX_CONDITION_DEPTH = 32;
class Unresolvable extends Error {}

/** Whether `cond` holds for `ctx.record`. Unknown refs and ref cycles make it false. */
export function evaluateCondition(cond: Condition, ctx: EvalContext): boolean {
  try {
    return evaluate(cond, ctx, 0);
  } catch (error) {
    if (error instanceof Unresolvable) return false;
    throw error;
  }
}

function evaluate(cond: Condition, ctx: EvalContext, depth: number): boolean {
  if (depth > MAX_CONDITION_DEPTH) throw new Unresolvable();
  if ("all" in cond) return cond.all.every((c) => evaluate(c, ctx, depth + 1));
  if ("any" in cond) return cond.any.some((c) => evaluate(c, ctx, depth + 1));
  if ("not" in cond) return !evaluate(cond.not, ctx, depth + 1);
  if ("ref" in cond) {
    const target = ctx.resolveRef?.(cond.ref);
    if (!target) throw new Unresolvable();
    return evaluate(target, ctx, depth + 1);
  }
  return evaluateLeaf(cond, ctx);
}

const isNil = (v: unknown): v is null | undefined => v === undefined || v === null;

/** Empty as CONDITIONS.md says: missing or null; "" for text kinds; [] for a multiselect. */
function isEmptyOf(kind: ValueKind, v: unknown): boolean {
  if (isNil(v)) return true;
  if (kind === "list") return Array.isArray(v) && v.length === 0;
  return isTextKind(kind) && v === "";
}

/** Whether a value means "no value" anywhere (required fields, form state): blank text counts. */
export function isEmptyValue(v: unknown): boolean {
  if (isNil(v)) return true;
  if (typeof v === "string") return v.trim() === "";
  return Array.isArray(v) && v.length === 0;
}

// A stored value of another type than its field's (left behind by a type change) compares with
// nothing; OFF marks it.
const OFF = Symbol("off-type");
type Typed = Scalar | Scalar[] | null | typeof OFF;

/** A record's value in the form operands take: ms for createdAt/updatedAt, folded text where folded. */
function typed(kind: ValueKind, op: ConditionOp, v: unknown): Typed {
  if (isNil(v)) return null;
  switch (kind) {
    case "number":
      return typeof v === "number" ? v : OFF;
    case "boolean":
      return typeof v === "boolean" ? v : OFF;
    case "time": {
      if (typeof v === "number") return v;
      return typeof v === "string" ? (parseDatetimeMs(v) ?? OFF) : OFF;
    }
    case "datetime": {
      // Stored instants are canonical (toISOString); other zones are read as the same instant.
      const ms = typeof v === "string" ? parseDatetimeMs(v) : null;
      return ms === null ? OFF : new Date(ms).toISOString();
    }
    case "list":
      return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : OFF;
    default:
      if (typeof v !== "string") return OFF;
      return foldsOperand(kind, op) ? foldText(v) : v;
  }
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  return Number.NaN; // never reached for resolved operands
}

function inList(actual: Typed, list: (Scalar | null)[], kind: ValueKind, raw: unknown): boolean {
  if (list.includes(null) && isEmptyOf(kind, raw)) return true;
  if (actual === OFF || actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => list.includes(a));
  return list.includes(actual);
}

type LeafArgs = { kind: ValueKind; op: ConditionOp; operand: Operand; raw: unknown };

function holdsNow({ kind, op, operand, raw }: LeafArgs): boolean {
  const actual = typed(kind, op, raw);
  switch (op) {
    case "isEmpty":
      return isEmptyOf(kind, raw);
    case "isNotEmpty":
      return !isEmptyOf(kind, raw);
    case "eq":
    case "changedTo":
      if (operand === null) return isEmptyOf(kind, raw);
      if (Array.isArray(actual)) return op === "changedTo" && actual.includes(operand as Scalar);
      return actual !== null && actual !== OFF && actual === operand;
    case "neq":
      return !holdsNow({ kind, op: "eq", operand, raw });
    case "in":
      return inList(actual, operand as (Scalar | null)[], kind, raw);
    case "nin":
      return !inList(actual, operand as (Scalar | null)[], kind, raw);
    case "contains":
      if (Array.isArray(actual)) return actual.includes(operand as string);
      return typeof actual === "string" && actual.includes(operand as string);
    case "startsWith":
      return typeof actual === "string" && actual.startsWith(operand as string);
    default: {
      if (actual === null || actual === OFF || Array.isArray(actual)) return false;
      const c = compare(actual, operand as Scalar);
      return op === "gt" ? c > 0 : op === "gte" ? c >= 0 : op === "lt" ? c < 0 : c <= 0;
    }
  }
}

/** Stored values are coerced, so sameness is plain; a multiselect is a set; empty equals empty. */
function sameValue(kind: ValueKind, a: unknown, b: unknown): boolean {
  if (isEmptyOf(kind, a) || isEmptyOf(kind, b)) return isEmptyOf(kind, a) && isEmptyOf(kind, b);
  const x = typed(kind, "eq", a);
  const y = typed(kind, "eq", b);
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v) => y.includes(v));
  return x !== OFF && x === y;
}

// Only the record's own keys: a field named "constructor" must not reach Object.prototype.
const own = (obj: Record<string, unknown>, key: string) => (Object.hasOwn(obj, key) ? obj[key] : undefined);

/** The kind of a field: a system field's, its form type's, or guessed from the value. */
export function kindOf(field: string, types: ReadonlyMap<string, string> | undefined, sample: unknown): ValueKind {
  if (Object.hasOwn(SYSTEM_KINDS, field)) return SYSTEM_KINDS[field as keyof typeof SYSTEM_KINDS];
  const type = types?.get(field);
  if (type !== undefined && Object.hasOwn(KIND_OF_TYPE, type)) return KIND_OF_TYPE[type as FieldType];
  if (Array.isArray(sample)) return "list";
  if (typeof sample === "number") return "number";
  if (typeof sample === "boolean") return "boolean";
  if (typeof sample === "string" && isIsoDate(sample)) return "date";
  if (typeof sample === "string" && parseDatetimeMs(sample) !== null) return "datetime";
  return "text";
}

function evaluateLeaf(leaf: ConditionLeaf, ctx: EvalContext): boolean {
  const raw = own(ctx.record, leaf.field);
  const before = ctx.previous ? own(ctx.previous, leaf.field) : undefined;
  const kind = kindOf(leaf.field, ctx.types, raw ?? before);
  const now = typeof ctx.now === "number" ? ctx.now : ctx.now.getTime();
  const resolved = resolveLeaf(leaf, kind, { now, timeZone: ctx.timeZone, userId: ctx.userId });
  if (!resolved) return false; // a value or operator that does not fit the field matches nothing
  const { op, operand } = resolved;
  if (op === "changed") return !sameValue(kind, before, raw);
  if (op === "changedTo") return holdsNow({ kind, op, operand, raw }) && !holdsNow({ kind, op, operand, raw: before });
  return holdsNow({ kind, op, operand, raw });
}

/** Every field a condition names, in order of first appearance (refs are not followed). */
export function conditionFields(cond: Condition): string[] {
  const fields = new Set<string>();
  walkCondition(cond, (node) => {
    if (isLeaf(node)) fields.add(node.field);
  });
  return [...fields];
}
