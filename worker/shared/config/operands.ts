import { isIsoDate, parseDatetimeMs } from "../records/coerce";
import { DAY_MS, wallClockMs } from "../time/zoned";
import { RELATIVE_NOW_RE, USER_TOKEN, type ConditionLeaf, type ConditionOp } from "./condition";
import { foldsOperand, supportsOp, type ValueKind } from "./operators";

// A condition leaf's value turned into the form its field stores, the same for the evaluator and
// the SQL compiler: "$now…" becomes the tenant's calendar day (date), an ISO instant (datetime)
// or ms (createdAt/updatedAt); "$user" the acting user; text compared case-insensitively is
// folded. A value that does not fit its field makes the leaf match nothing.

export type Scalar = string | number | boolean;
export type OperandEnv = { now: number; timeZone?: string; userId?: string };
/** `null` is "empty"; a list is the operand of in/nin. */
export type Operand = Scalar | null | (Scalar | null)[];
export type ResolvedLeaf = { field: string; op: ConditionOp; kind: ValueKind; operand: Operand };

const NO_VALUE: readonly ConditionOp[] = ["isEmpty", "isNotEmpty", "changed"];
const NULLABLE: readonly ConditionOp[] = ["eq", "neq", "changedTo"];
const UNIT_MS = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS } as const;
const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * Unicode case folding as both sides apply it: canonical composition, then upper- and
 * lower-casing (so "ß" → "ss", "ſ" → "s", "ΐ" stays one letter). For ASCII text it is exactly
 * SQLite's lower(), which is why only non-ASCII values need a folded copy stored.
 */
export function foldText(text: string): string {
  if (ASCII_RE.test(text)) return text.toLowerCase();
  return text.normalize("NFC").toUpperCase().toLowerCase().normalize("NFC");
}

export function isAscii(text: string): boolean {
  return ASCII_RE.test(text);
}

/** -1 / 0 / 1 by Unicode code points: the order SQLite's BINARY collation gives UTF-8 text. */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (an astral code point) sorts after every BMP unit, as its code point does.
    const hx = x >= 0xd800 && x <= 0xdfff;
    const hy = y >= 0xd800 && y <= 0xdfff;
    if (hx !== hy) return hx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The calendar day ("YYYY-MM-DD") of an instant in a time zone. */
export function dayInZone(ms: number, timeZone = "UTC"): string {
  return new Date(wallClockMs(ms, timeZone)).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const isCanonicalIso = (iso: string) => /^\d{4}-/.test(iso);

/** "$now", "$now-7d": days and weeks move a date by calendar days; m and h move the instant. */
function nowOperand(kind: ValueKind, token: string, env: OperandEnv): Scalar | undefined {
  const m = RELATIVE_NOW_RE.exec(token)!;
  const sign = m[1] === "-" ? -1 : 1;
  const count = m[1] ? Number(m[2]) : 0;
  const unit = (m[3] ?? "m") as keyof typeof UNIT_MS;
  if (kind === "date") {
    if (unit === "d" || unit === "w")
      return addDays(dayInZone(env.now, env.timeZone), sign * count * (unit === "w" ? 7 : 1));
    return dayInZone(env.now + sign * count * UNIT_MS[unit], env.timeZone);
  }
  const ms = env.now + sign * count * UNIT_MS[unit];
  if (kind === "time") return ms;
  if (kind !== "datetime") return undefined;
  const iso = new Date(ms).toISOString();
  return isCanonicalIso(iso) ? iso : undefined;
}

/** One value in stored form; `undefined` when it does not fit the kind. */
export function scalarOperand(
  kind: ValueKind,
  op: ConditionOp,
  raw: unknown,
  env: OperandEnv,
): Scalar | null | undefined {
  if (raw === null) return null;
  if (raw === USER_TOKEN) return kind === "id" ? env.userId : undefined;
  if (typeof raw === "string" && RELATIVE_NOW_RE.test(raw)) return nowOperand(kind, raw, env);
  switch (kind) {
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw || 0 : undefined;
    case "boolean":
      return typeof raw === "boolean" ? raw : undefined;
    case "date":
      return typeof raw === "string" && isIsoDate(raw) ? raw : undefined;
    case "datetime":
    case "time": {
      const ms = typeof raw === "string" ? parseDatetimeMs(raw) : null;
      if (ms === null) return undefined;
      const iso = new Date(ms).toISOString();
      if (!isCanonicalIso(iso)) return undefined;
      return kind === "time" ? ms : iso;
    }
    default:
      if (typeof raw !== "string") return undefined;
      return foldsOperand(kind, op) ? foldText(raw) : raw;
  }
}

/** A leaf with its operand in stored form, or null when it cannot match (see CONDITIONS.md). */
export function resolveLeaf(leaf: ConditionLeaf, kind: ValueKind, env: OperandEnv): ResolvedLeaf | null {
  const { field, op, value } = leaf;
  if (!supportsOp(kind, op)) return null;
  if (NO_VALUE.includes(op)) return { field, op, kind, operand: null };
  if (op === "in" || op === "nin") {
    if (!Array.isArray(value)) return null;
    const items = value.map((v) => scalarOperand(kind, op, v, env));
    if (items.some((v) => v === undefined)) return null;
    return { field, op, kind, operand: items as (Scalar | null)[] };
  }
  if (Array.isArray(value) || value === undefined) return null;
  const operand = scalarOperand(kind, op, value, env);
  if (operand === undefined || (operand === null && !NULLABLE.includes(op))) return null;
  return { field, op, kind, operand };
}
