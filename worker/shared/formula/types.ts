import type { FieldType } from "../config/field-types";
import type { FormulaError, Node } from "./parse";

// The static types of formula values. "null" is the type of the literal `null` only; it fits
// every other type.
export type FormulaType = "number" | "text" | "boolean" | "date" | "datetime" | "null";

/** A field's type as a formula reads it; `undefined` = the field cannot be used in formulas. */
export const FORMULA_TYPE_OF_FIELD: Record<FieldType, FormulaType | undefined> = {
  text: "text",
  textarea: "text",
  email: "text",
  phone: "text",
  url: "text",
  select: "text",
  reference: "text",
  user: "text",
  number: "number",
  currency: "number",
  percent: "number",
  date: "date",
  datetime: "datetime",
  boolean: "boolean",
  multiselect: undefined,
};

/** A field as the checker sees it: its formula type, or why it cannot be read. */
export type FieldLookup = (name: string) => FormulaType | { error: string };

type Sig = (args: FormulaType[], at: number, say: (message: string, at: number) => void) => FormulaType;

const ORDERED: readonly FormulaType[] = ["number", "text", "date", "datetime"];
const isDay = (t: FormulaType) => t === "date" || t === "datetime" || t === "null";

/** Both types together: null fits anything; otherwise they must be equal. */
function unify(a: FormulaType, b: FormulaType): FormulaType | undefined {
  if (a === "null") return b;
  if (b === "null" || a === b) return a;
  return undefined;
}

function unifyAll(types: FormulaType[]): FormulaType | undefined {
  let out: FormulaType | undefined = "null";
  for (const t of types) out = out === undefined ? undefined : unify(out, t);
  return out;
}

function arity(name: string, min: number, max: number): (n: number) => string | null {
  return (n) => {
    if (n >= min && n <= max) return null;
    if (min === max) return `${name}() takes ${min === 0 ? "no" : min} argument${min === 1 ? "" : "s"}`;
    return max === Infinity
      ? `${name}() takes at least ${min} argument${min === 1 ? "" : "s"}`
      : `${name}() takes ${min} to ${max} arguments`;
  };
}

function want(t: FormulaType, expected: FormulaType, what: string): string | null {
  return unify(t, expected) === undefined
    ? `${what} must be ${expected === "text" ? "text" : `a ${expected}`}, not ${t}`
    : null;
}

const FUNCTIONS: Record<string, { arity: (n: number) => string | null; sig: Sig }> = {
  if: {
    arity: arity("if", 3, 3),
    sig: ([c, a, b], at, say) => {
      const bad = want(c as FormulaType, "boolean", "the condition of if()");
      if (bad) say(bad, at);
      const out = unify(a as FormulaType, b as FormulaType);
      if (out === undefined) say(`both branches of if() must have the same type (${a} and ${b})`, at);
      return out ?? (a as FormulaType);
    },
  },
  coalesce: {
    arity: arity("coalesce", 1, Infinity),
    sig: (args, at, say) => {
      const out = unifyAll(args);
      if (out === undefined) say(`coalesce() needs arguments of one type (${args.join(", ")})`, at);
      return out ?? (args[0] as FormulaType);
    },
  },
  round: { arity: arity("round", 1, 2), sig: numbers("round", "number") },
  abs: { arity: arity("abs", 1, 1), sig: numbers("abs", "number") },
  min: { arity: arity("min", 1, Infinity), sig: extreme("min") },
  max: { arity: arity("max", 1, Infinity), sig: extreme("max") },
  concat: { arity: arity("concat", 1, Infinity), sig: () => "text" },
  lower: { arity: arity("lower", 1, 1), sig: texts("lower", "text") },
  upper: { arity: arity("upper", 1, 1), sig: texts("upper", "text") },
  len: { arity: arity("len", 1, 1), sig: texts("len", "number") },
  today: { arity: arity("today", 0, 0), sig: () => "date" },
  now: { arity: arity("now", 0, 0), sig: () => "datetime" },
  daysbetween: {
    arity: arity("daysBetween", 2, 2),
    sig: (args, at, say) => {
      if (!args.every(isDay)) say(`daysBetween() takes dates or datetimes, not ${args.join(" and ")}`, at);
      return "number";
    },
  },
  adddays: {
    arity: arity("addDays", 2, 2),
    sig: ([d, n], at, say) => {
      if (!isDay(d as FormulaType)) say(`the first argument of addDays() must be a date or datetime, not ${d}`, at);
      const bad = want(n as FormulaType, "number", "the second argument of addDays()");
      if (bad) say(bad, at);
      return d === "null" ? "date" : (d as FormulaType);
    },
  },
};

export const FUNCTION_NAMES = [
  "if",
  "coalesce",
  "round",
  "abs",
  "min",
  "max",
  "concat",
  "lower",
  "upper",
  "len",
  "today",
  "now",
  "daysBetween",
  "addDays",
] as const;

function numbers(name: string, out: FormulaType): Sig {
  return (args, at, say) => {
    args.forEach((t, i) => {
      const bad = want(t, "number", `argument ${i + 1} of ${name}()`);
      if (bad) say(bad, at);
    });
    return out;
  };
}

function texts(name: string, out: FormulaType): Sig {
  return ([t], at, say) => {
    const bad = want(t as FormulaType, "text", `the argument of ${name}()`);
    if (bad) say(bad, at);
    return out;
  };
}

function extreme(name: string): Sig {
  return (args, at, say) => {
    const out = unifyAll(args);
    if (out === undefined || !(out === "null" || ["number", "date", "datetime"].includes(out))) {
      say(`${name}() takes numbers, dates or datetimes of one type (${args.join(", ")})`, at);
    }
    return out ?? (args[0] as FormulaType);
  };
}

/** The type of `node`, with every type error found in it (the type is a best guess when there are errors). */
export function checkFormula(node: Node, lookup: FieldLookup): { type: FormulaType; errors: FormulaError[] } {
  const errors: FormulaError[] = [];
  const say = (message: string, at: number) => errors.push({ message, at });
  const type = typeOf(node, lookup, say);
  return { type, errors };
}

function typeOf(node: Node, lookup: FieldLookup, say: (message: string, at: number) => void): FormulaType {
  switch (node.kind) {
    case "number":
      return "number";
    case "string":
      return "text";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "field": {
      const t = lookup(node.name);
      if (typeof t === "object") {
        say(t.error, node.at);
        return "null";
      }
      return t;
    }
    case "neg": {
      const t = typeOf(node.arg, lookup, say);
      const bad = want(t, "number", "the operand of -");
      if (bad) say(bad, node.at);
      return "number";
    }
    case "not": {
      const t = typeOf(node.arg, lookup, say);
      const bad = want(t, "boolean", "the operand of not");
      if (bad) say(bad, node.at);
      return "boolean";
    }
    case "binary": {
      const l = typeOf(node.left, lookup, say);
      const r = typeOf(node.right, lookup, say);
      switch (node.op) {
        case "+":
        case "-":
        case "*":
        case "/":
          for (const t of [l, r]) {
            const bad = want(t, "number", `both operands of ${node.op}`);
            if (bad) {
              say(node.op === "+" && t === "text" ? `${bad} (use concat() to join text)` : bad, node.at);
              break;
            }
          }
          return "number";
        case "and":
        case "or":
          for (const t of [l, r]) {
            const bad = want(t, "boolean", `both operands of ${node.op}`);
            if (bad) {
              say(bad, node.at);
              break;
            }
          }
          return "boolean";
        default: {
          const both = unify(l, r);
          if (both === undefined) say(`cannot compare ${l} with ${r}`, node.at);
          else if (node.op !== "=" && node.op !== "!=" && both !== "null" && !ORDERED.includes(both)) {
            say(`${both} values have no order; only = and != apply`, node.at);
          }
          return "boolean";
        }
      }
    }
    case "call": {
      const fn = Object.hasOwn(FUNCTIONS, node.name) ? FUNCTIONS[node.name] : undefined;
      const args = node.args.map((a) => typeOf(a, lookup, say));
      if (!fn) {
        say(`unknown function "${node.name}" (one of ${FUNCTION_NAMES.join(", ")})`, node.at);
        return "null";
      }
      const bad = fn.arity(args.length);
      if (bad) {
        say(bad, node.at);
        return "null";
      }
      return fn.sig(args, node.at, say);
    }
  }
}
