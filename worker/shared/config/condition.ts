import { z } from "zod";
import { configName, fieldName } from "./common";

export const CONDITION_OPS = [
  "eq",
  "neq",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "nin",
  "contains",
  "startsWith",
  "isEmpty",
  "isNotEmpty",
  "changed",
  "changedTo",
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

// These compare the record before and after a write, so they mean something only where a write
// is being judged: a trigger's `when`. Everywhere else they are rejected.
export const TRIGGER_ONLY_OPS: readonly ConditionOp[] = ["changed", "changedTo"];
const NO_VALUE_OPS: readonly ConditionOp[] = ["isEmpty", "isNotEmpty", "changed"];
const LIST_OPS: readonly ConditionOp[] = ["in", "nin"];
const ORDER_OPS: readonly ConditionOp[] = ["gt", "gte", "lt", "lte"];

export function isTriggerOnlyOp(op: ConditionOp): boolean {
  return TRIGGER_ONLY_OPS.includes(op);
}

export type ConditionScalar = string | number | boolean | null;
export type ConditionValue = ConditionScalar | ConditionScalar[];
export type ConditionLeaf = { field: string; op: ConditionOp; value?: ConditionValue };
export type Condition =
  | ConditionLeaf
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { ref: string };

// Value tokens: "$now", "$now-7d" / "$now+2h" (units m, h, d, w) and "$user" (the current user).
export const RELATIVE_NOW_RE = /^\$now(?:([+-])([0-9]{1,6})([mhdw]))?$/;
export const USER_TOKEN = "$user";
// A string that starts like a token must be one; "$5" or "$ off" stay plain text.
const TOKEN_LIKE_RE = /^\$[a-zA-Z]/;

export function isValueToken(value: unknown): boolean {
  return typeof value === "string" && (value === USER_TOKEN || RELATIVE_NOW_RE.test(value));
}

const scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
const conditionValue = z.union([scalar, z.array(scalar).max(200)]);

type RawCondition = {
  field?: string;
  op?: ConditionOp;
  value?: ConditionValue;
  all?: unknown[];
  any?: unknown[];
  not?: unknown;
  ref?: string;
};

function checkValue(op: ConditionOp, value: ConditionValue | undefined, ctx: z.RefinementCtx): void {
  const at = { path: ["value"] };
  if (NO_VALUE_OPS.includes(op)) {
    if (value !== undefined) ctx.addIssue({ code: "custom", message: `"${op}" takes no value`, ...at });
    return;
  }
  if (value === undefined) return ctx.addIssue({ code: "custom", message: `"${op}" needs a value`, ...at });
  if (LIST_OPS.includes(op) !== Array.isArray(value)) {
    const message = LIST_OPS.includes(op)
      ? `"${op}" needs a list of values`
      : `"${op}" takes a single value, not a list`;
    return ctx.addIssue({ code: "custom", message, ...at });
  }
  if (ORDER_OPS.includes(op) && typeof value !== "number" && typeof value !== "string") {
    ctx.addIssue({ code: "custom", message: `"${op}" compares numbers, dates or text`, ...at });
  }
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, i) => {
    if (typeof item === "string" && TOKEN_LIKE_RE.test(item) && !isValueToken(item)) {
      const path = Array.isArray(value) ? ["value", i] : ["value"];
      ctx.addIssue({ code: "custom", message: `unknown value token "${item}" (use $now, $now-7d or $user)`, path });
    }
  });
}

function checkShape(c: RawCondition, allowTriggerOps: boolean, ctx: z.RefinementCtx): void {
  const isLeaf = c.field !== undefined || c.op !== undefined || c.value !== undefined;
  const forms = [c.all, c.any, c.not, c.ref].filter((v) => v !== undefined).length + (isLeaf ? 1 : 0);
  if (forms !== 1) {
    const message =
      'a condition is exactly one of { "field", "op", "value"? }, { "all" }, { "any" }, { "not" } or { "ref" }';
    return ctx.addIssue({ code: "custom", message });
  }
  if (!isLeaf) return;
  if (c.field === undefined) ctx.addIssue({ code: "custom", message: "is required", path: ["field"] });
  if (c.op === undefined) return ctx.addIssue({ code: "custom", message: "is required", path: ["op"] });
  if (!allowTriggerOps && isTriggerOnlyOp(c.op)) {
    const message = `"${c.op}" is only allowed in a trigger's "when"`;
    return ctx.addIssue({ code: "custom", message, path: ["op"] });
  }
  checkValue(c.op, c.value, ctx);
}

function buildConditionSchema(allowTriggerOps: boolean): z.ZodType<Condition> {
  // One object with every key optional (rather than a union) so errors point at the offending
  // property instead of "no union member matched".
  const self: z.ZodType<Condition> = z.lazy(() =>
    z
      .strictObject({
        field: fieldName.optional(),
        op: z.enum(CONDITION_OPS).optional(),
        value: conditionValue.optional(),
        all: z.array(self).max(100).optional(),
        any: z.array(self).max(100).optional(),
        not: self.optional(),
        ref: configName.optional(),
      })
      .superRefine((c, ctx) => checkShape(c, allowTriggerOps, ctx)),
  ) as unknown as z.ZodType<Condition>; // the refinement above guarantees the union shape
  return self;
}

/** A condition anywhere but a trigger: `changed` / `changedTo` are rejected. */
export const conditionSchema = buildConditionSchema(false);
/** A trigger's `when`: every op, including `changed` / `changedTo`. */
export const triggerConditionSchema = buildConditionSchema(true);

export type ConditionPath = (string | number)[];

/** Calls `visit` for every node of a condition, with its path inside the condition. */
export function walkCondition(
  cond: Condition,
  visit: (node: Condition, path: ConditionPath) => void,
  path: ConditionPath = [],
): void {
  visit(cond, path);
  if ("all" in cond) cond.all.forEach((c, i) => walkCondition(c, visit, [...path, "all", i]));
  else if ("any" in cond) cond.any.forEach((c, i) => walkCondition(c, visit, [...path, "any", i]));
  else if ("not" in cond) walkCondition(cond.not, visit, [...path, "not"]);
}

export function isLeaf(cond: Condition): cond is ConditionLeaf {
  return "field" in cond;
}

/** Keys of the named conditions a condition refers to (not followed transitively). */
export function conditionRefs(cond: Condition): string[] {
  const refs = new Set<string>();
  walkCondition(cond, (node) => {
    if ("ref" in node) refs.add(node.ref);
  });
  return [...refs];
}
