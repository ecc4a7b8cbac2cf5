import { compareText, dayInZone } from "../config/operands";
import { isIsoDate, parseDatetimeMs } from "../records/coerce";
import { DAY_MS } from "../time/zoned";
import type { Node } from "./parse";
import type { FormulaType } from "./types";

// Runtime values. Dates and datetimes are boxed so that the evaluator never confuses them with
// text or numbers; `null` is the empty value (README.md: null rules).
export type Value = null | number | string | boolean | { day: string } | { ms: number };

export type FormulaEnv = {
  /** A field's value, already read as its formula type (see `readFieldValue`). */
  field: (name: string) => Value;
  /** The caller's clock: ms since the epoch. Never read from Date.now here. */
  now: number;
  /** The tenant's time zone (today(), daysBetween over datetimes). */
  timeZone: string;
};

const isDayBox = (v: Value): v is { day: string } => typeof v === "object" && v !== null && "day" in v;
const isMsBox = (v: Value): v is { ms: number } => typeof v === "object" && v !== null && "ms" in v;

/** A stored record value as a formula of `type` reads it; anything that does not fit reads as null. */
export function readFieldValue(type: FormulaType, raw: unknown): Value {
  switch (type) {
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    case "text":
      return typeof raw === "string" && raw !== "" ? raw : null;
    case "boolean":
      return typeof raw === "boolean" ? raw : null;
    case "date":
      return typeof raw === "string" && isIsoDate(raw) ? { day: raw } : null;
    case "datetime": {
      if (typeof raw === "number" && Number.isFinite(raw)) return { ms: raw };
      const ms = typeof raw === "string" ? parseDatetimeMs(raw) : null;
      return ms === null ? null : { ms };
    }
    case "null":
      return null;
  }
}

/** A value in the form a record stores: dates "YYYY-MM-DD", datetimes canonical ISO. */
export function storedValue(v: Value): string | number | boolean | null {
  if (v === null) return null;
  if (isDayBox(v)) return v.day;
  if (isMsBox(v)) return new Date(v.ms).toISOString();
  if (typeof v === "number") return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null;
  return v;
}

const num = (n: number): number | null => (Number.isFinite(n) ? n : null);

function dayNumber(v: { day: string } | { ms: number }, timeZone: string): number {
  const day = isDayBox(v) ? v.day : dayInZone(v.ms, timeZone);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function dayOf(n: number): { day: string } | null {
  const ms = n * DAY_MS;
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime())) return null;
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  return { day: d.toISOString().slice(0, 10) };
}

/** Compares two non-null values of one type: <0, 0, >0. */
function compare(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (isDayBox(a) && isDayBox(b)) return compareText(a.day, b.day);
  if (isMsBox(a) && isMsBox(b)) return a.ms - b.ms;
  return NaN; // a checked formula never compares values of two types
}

/** Rounds half away from zero to `digits` decimals without binary-fraction surprises (1.005 → 1.01). */
function roundTo(x: number, digits: number): number | null {
  const d = Math.trunc(digits);
  if (d < -15 || d > 15) return null;
  const shifted = Math.round(Number(`${Math.abs(x)}e${d}`));
  return num(Math.sign(x) * Number(`${shifted}e${-d}`));
}

function asText(v: Value): string {
  const stored = storedValue(v);
  return stored === null ? "" : String(stored);
}

/** Evaluates a type-checked formula tree. */
export function evaluateNode(node: Node, env: FormulaEnv): Value {
  const ev = (n: Node) => evaluateNode(n, env);
  switch (node.kind) {
    case "number":
      return node.value;
    case "string":
      return node.value;
    case "boolean":
      return node.value;
    case "null":
      return null;
    case "field":
      return env.field(node.name);
    case "neg": {
      const v = ev(node.arg);
      return typeof v === "number" ? num(-v) : null;
    }
    case "not": {
      const v = ev(node.arg);
      return typeof v === "boolean" ? !v : null;
    }
    case "binary": {
      if (node.op === "and" || node.op === "or") {
        const stop = node.op === "or"; // the value that decides alone
        const l = ev(node.left);
        if (l === stop) return stop;
        const r = ev(node.right);
        if (r === stop) return stop;
        return l === null || r === null ? null : !stop;
      }
      const l = ev(node.left);
      const r = ev(node.right);
      if (l === null || r === null) return null;
      switch (node.op) {
        case "+":
          return num((l as number) + (r as number));
        case "-":
          return num((l as number) - (r as number));
        case "*":
          return num((l as number) * (r as number));
        case "/":
          return r === 0 ? null : num((l as number) / (r as number));
        case "=":
          return compare(l, r) === 0;
        case "!=":
          return compare(l, r) !== 0;
        case "<":
          return compare(l, r) < 0;
        case "<=":
          return compare(l, r) <= 0;
        case ">":
          return compare(l, r) > 0;
        case ">=":
          return compare(l, r) >= 0;
      }
      return null; // unreachable: every binary operator returned above
    }
    case "call":
      return call(node as Extract<Node, { kind: "call" }>, env);
  }
}

function call(node: Extract<Node, { kind: "call" }>, env: FormulaEnv): Value {
  const ev = (n: Node | undefined) => (n ? evaluateNode(n, env) : null);
  const args = node.args;
  switch (node.name) {
    case "if":
      return ev(args[0]) === true ? ev(args[1]) : ev(args[2]);
    case "coalesce":
      for (const a of args) {
        const v = ev(a);
        if (v !== null) return v;
      }
      return null;
    case "round": {
      const x = ev(args[0]);
      const d = args.length > 1 ? ev(args[1]) : 0;
      return typeof x === "number" && typeof d === "number" ? roundTo(x, d) : null;
    }
    case "abs": {
      const x = ev(args[0]);
      return typeof x === "number" ? Math.abs(x) : null;
    }
    case "min":
    case "max": {
      let best: Value = null;
      for (const a of args) {
        const v = ev(a);
        if (v === null) continue;
        if (best === null || (node.name === "min" ? compare(v, best) < 0 : compare(v, best) > 0)) best = v;
      }
      return best;
    }
    case "concat":
      return args.map((a) => asText(ev(a))).join("");
    case "lower":
    case "upper": {
      const s = ev(args[0]);
      if (typeof s !== "string") return null;
      return node.name === "lower" ? s.toLowerCase() : s.toUpperCase();
    }
    case "len": {
      const s = ev(args[0]);
      return typeof s === "string" ? [...s].length : null;
    }
    case "today":
      return { day: dayInZone(env.now, env.timeZone) };
    case "now":
      return { ms: env.now };
    case "daysbetween": {
      const a = ev(args[0]);
      const b = ev(args[1]);
      if (!(isDayBox(a) || isMsBox(a)) || !(isDayBox(b) || isMsBox(b))) return null;
      return dayNumber(b, env.timeZone) - dayNumber(a, env.timeZone);
    }
    case "adddays": {
      const d = ev(args[0]);
      const n = ev(args[1]);
      if (typeof n !== "number") return null;
      if (isDayBox(d)) return dayOf(dayNumber(d, env.timeZone) + Math.trunc(n));
      if (isMsBox(d)) {
        const ms = d.ms + Math.trunc(n) * DAY_MS;
        return Number.isNaN(new Date(ms).getTime()) ? null : { ms };
      }
      return null;
    }
    default:
      return null;
  }
}
