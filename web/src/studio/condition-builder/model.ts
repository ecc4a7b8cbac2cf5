// Pure edits of the condition tree the builder shows. The shapes are those of config.md.
import {
  CONDITION_OPS,
  TRIGGER_ONLY_OPS,
  type Condition,
  type ConditionLeaf,
  type ConditionOp,
  type ConditionScalar,
  type ConditionValue,
} from "@shared/config/condition";
import type { FieldInfo } from "../snapshot-queries";

export type NodeKind = "leaf" | "all" | "any" | "not" | "ref";

export const NODE_KINDS: Array<{ kind: NodeKind; label: string }> = [
  { kind: "leaf", label: "Field condition" },
  { kind: "all", label: "All of (and)" },
  { kind: "any", label: "Any of (or)" },
  { kind: "not", label: "Not" },
  { kind: "ref", label: "Named condition" },
];

export const OP_LABELS: Record<ConditionOp, string> = {
  eq: "equals",
  neq: "does not equal",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  in: "is one of",
  nin: "is none of",
  contains: "contains",
  startsWith: "starts with",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
  changed: "changed",
  changedTo: "changed to",
};

const NO_VALUE: readonly ConditionOp[] = ["isEmpty", "isNotEmpty", "changed"];
const LIST: readonly ConditionOp[] = ["in", "nin"];

export const takesValue = (op: ConditionOp) => !NO_VALUE.includes(op);
export const takesList = (op: ConditionOp) => LIST.includes(op);

/** The ops offered: `changed` / `changedTo` only in a trigger's `when` (or when already chosen). */
export function visibleOps(allowTriggerOps: boolean, current?: ConditionOp): ConditionOp[] {
  return CONDITION_OPS.filter((op) => allowTriggerOps || !TRIGGER_ONLY_OPS.includes(op) || op === current);
}

export function kindOf(cond: Condition): NodeKind {
  if ("all" in cond) return "all";
  if ("any" in cond) return "any";
  if ("not" in cond) return "not";
  if ("ref" in cond) return "ref";
  return "leaf";
}

export function defaultLeaf(fields: readonly FieldInfo[]): ConditionLeaf {
  return { field: fields[0]?.name ?? "status", op: "eq", value: "" };
}

function firstLeaf(cond: Condition): ConditionLeaf | undefined {
  if ("all" in cond) return cond.all.map(firstLeaf).find(Boolean);
  if ("any" in cond) return cond.any.map(firstLeaf).find(Boolean);
  if ("not" in cond) return firstLeaf(cond.not);
  if ("ref" in cond) return undefined;
  return cond;
}

/** The node turned into another kind, keeping as much of it as makes sense. */
export function convert(cond: Condition, kind: NodeKind, fallback: { leaf: ConditionLeaf; ref?: string }): Condition {
  const from = kindOf(cond);
  if (from === kind) return cond;
  const children = "all" in cond ? cond.all : "any" in cond ? cond.any : [cond];
  switch (kind) {
    case "leaf":
      return firstLeaf(cond) ?? fallback.leaf;
    case "all":
      return { all: children };
    case "any":
      return { any: children };
    case "not":
      return { not: cond };
    case "ref":
      return { ref: "ref" in cond ? cond.ref : (fallback.ref ?? "") };
  }
}

/** A scalar for the field's type from text the user typed. */
export function coerceScalar(text: string, type: string | undefined): ConditionScalar {
  if (type === "number" || type === "currency" || type === "percent") {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? n : text;
  }
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/** `a, b, c` → a list of scalars for the field's type. */
export function parseList(text: string, type: string | undefined): ConditionScalar[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => coerceScalar(s, type));
}

function emptyValue(op: ConditionOp): ConditionValue | undefined {
  if (!takesValue(op)) return undefined;
  return takesList(op) ? [] : "";
}

/** The leaf with another op; the value follows (dropped, made a list, or a single value). */
export function withOp(leaf: ConditionLeaf, op: ConditionOp): ConditionLeaf {
  const { value, ...rest } = leaf;
  if (!takesValue(op)) return { ...rest, op };
  if (takesList(op)) {
    const list = Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value];
    return { ...rest, op, value: list };
  }
  const single = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return { ...rest, op, value: single };
}

/** The leaf naming another field; a value of the old field's kind rarely fits, so it starts empty. */
export function withField(leaf: ConditionLeaf, field: string): ConditionLeaf {
  const { value: _value, ...rest } = leaf;
  const value = emptyValue(leaf.op);
  return value === undefined ? { ...rest, field } : { ...rest, field, value };
}
