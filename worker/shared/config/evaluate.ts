import { RELATIVE_NOW_RE, USER_TOKEN, isLeaf, walkCondition } from "./condition";
import type { Condition, ConditionLeaf, ConditionOp, ConditionValue } from "./condition";

export type EvalContext = {
  record: Record<string, unknown>;
  // The record before the write; absent on create, where every field counts as previously empty.
  previous?: Record<string, unknown>;
  now: Date | number;
  userId?: string;
  resolveRef?: (key: string) => Condition | undefined;
};

// Refs nest named conditions; a cycle or an absurdly deep chain makes the whole condition false.
export const MAX_CONDITION_DEPTH = 32;
class Unresolvable extends Error {}

// "$user" with no user must match nothing (not even an empty field).
const NO_USER = Symbol("no user");

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
// Only ISO-looking strings are dates; zone-less times are read as UTC so browser and Worker agree.
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_RE = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i;

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

type Resolved = unknown;

function resolveToken(value: unknown, ctx: EvalContext): Resolved {
  if (typeof value !== "string") return value;
  if (value === USER_TOKEN) return ctx.userId ?? NO_USER;
  const match = RELATIVE_NOW_RE.exec(value);
  if (!match) return value;
  const now = typeof ctx.now === "number" ? ctx.now : ctx.now.getTime();
  if (!match[1]) return new Date(now);
  const offset = Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
  return new Date(match[1] === "-" ? now - offset : now + offset);
}

function resolveValue(value: ConditionValue | undefined, ctx: EvalContext): Resolved {
  return Array.isArray(value) ? value.map((v) => resolveToken(v, ctx)) : resolveToken(value, ctx);
}

function asInstant(v: unknown): number | null {
  if (v instanceof Date) return v.getTime();
  if (typeof v !== "string") return null;
  const trimmed = v.trim();
  const match = ISO_DATE_RE.exec(trimmed);
  if (!match) return null;
  const iso = trimmed.replace(" ", "T");
  const text = iso.includes(":") && !match[1] ? `${iso}Z` : iso;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function asNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return typeof v === "string" && NUMERIC_RE.test(v) ? Number(v) : null;
}

const isNil = (v: unknown) => v === undefined || v === null;

// Dates compare as instants when either side is a Date ($now…) or both sides are ISO strings.
function bothDates(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return true;
  return asInstant(a) !== null && asInstant(b) !== null;
}

function instantOrMs(v: unknown): number | null {
  return typeof v === "number" ? v : asInstant(v);
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (a === NO_USER || b === NO_USER) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    // Multiselect values are sets: order does not matter.
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x) => b.some((y) => valuesEqual(x, y))) && b.every((y) => a.some((x) => valuesEqual(x, y)));
  }
  if (bothDates(a, b)) return instantOrMs(a) !== null && instantOrMs(a) === instantOrMs(b);
  if (typeof a === typeof b) return a === b;
  if (typeof a === "boolean" || typeof b === "boolean") return String(a) === String(b);
  const x = asNumber(a);
  return x !== null && x === asNumber(b);
}

/** Ordering for gt/gte/lt/lte: dates as instants, numbers (and numeric strings) as numbers, else text. */
function compare(a: unknown, b: unknown): number | null {
  if (isNil(a) || isNil(b) || a === NO_USER || b === NO_USER) return null;
  if (bothDates(a, b)) {
    const x = instantOrMs(a);
    const y = instantOrMs(b);
    return x === null || y === null ? null : x - y;
  }
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null) return x - y;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

export function isEmptyValue(v: unknown): boolean {
  if (isNil(v)) return true;
  if (typeof v === "string") return v.trim() === "";
  return Array.isArray(v) && v.length === 0;
}

function isIn(actual: unknown, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  // A multiselect is "in" a list when any of its values is.
  if (Array.isArray(actual)) return actual.some((a) => list.some((v) => valuesEqual(a, v)));
  return list.some((v) => valuesEqual(actual, v));
}

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return expected.every((e) => contains(actual, e));
  if (Array.isArray(actual)) return actual.some((a) => valuesEqual(a, expected));
  if (typeof actual !== "string" || isNil(expected) || expected === NO_USER) return false;
  return actual.toLowerCase().includes(String(expected).toLowerCase());
}

function startsWith(actual: unknown, expected: unknown): boolean {
  if (typeof actual !== "string" || typeof expected !== "string") return false;
  return actual.toLowerCase().startsWith(expected.toLowerCase());
}

// "Became": the new value matches and the old one did not. For a multiselect, a value was added.
function matchesTarget(value: unknown, expected: unknown): boolean {
  if (Array.isArray(value) && !Array.isArray(expected)) return value.some((v) => valuesEqual(v, expected));
  return valuesEqual(value, expected);
}

function changed(before: unknown, after: unknown): boolean {
  // Clearing "" to null is not a change anyone means.
  if (isEmptyValue(before) && isEmptyValue(after)) return false;
  return !valuesEqual(before, after);
}

type OpArgs = { actual: unknown; before: unknown; expected: Resolved };
const ordered = (pass: (c: number) => boolean) => (a: OpArgs) => {
  const c = compare(a.actual, a.expected);
  return c !== null && pass(c);
};

const OPS: Record<ConditionOp, (args: OpArgs) => boolean> = {
  eq: (a) => valuesEqual(a.actual, a.expected),
  neq: (a) => !valuesEqual(a.actual, a.expected),
  gt: ordered((c) => c > 0),
  gte: ordered((c) => c >= 0),
  lt: ordered((c) => c < 0),
  lte: ordered((c) => c <= 0),
  in: (a) => isIn(a.actual, a.expected),
  nin: (a) => !isIn(a.actual, a.expected),
  contains: (a) => contains(a.actual, a.expected),
  startsWith: (a) => startsWith(a.actual, a.expected),
  isEmpty: (a) => isEmptyValue(a.actual),
  isNotEmpty: (a) => !isEmptyValue(a.actual),
  changed: (a) => changed(a.before, a.actual),
  changedTo: (a) => matchesTarget(a.actual, a.expected) && !matchesTarget(a.before, a.expected),
};

// Only the record's own keys: a field named "constructor" must not reach Object.prototype.
const own = (obj: Record<string, unknown>, key: string) => (Object.hasOwn(obj, key) ? obj[key] : undefined);

function evaluateLeaf(leaf: ConditionLeaf, ctx: EvalContext): boolean {
  const op = OPS[leaf.op];
  if (!op) return false; // an unvalidated condition with an unknown op matches nothing
  return op({
    actual: own(ctx.record, leaf.field),
    before: ctx.previous ? own(ctx.previous, leaf.field) : undefined,
    expected: resolveValue(leaf.value, ctx),
  });
}

/** Every field a condition names, in order of first appearance (refs are not followed). */
export function conditionFields(cond: Condition): string[] {
  const fields = new Set<string>();
  walkCondition(cond, (node) => {
    if (isLeaf(node)) fields.add(node.field);
  });
  return [...fields];
}
