import { FIELD_TYPES, type FieldType, valueTypeOf } from "../config/field-types";
import type { FormField } from "../config/form";
import { normalizeEmail, normalizeUrl } from "./contact-values";
import { normalizePhone } from "./phone-values";

// How a raw value (a JSON body on the Worker, an input's state in the browser) becomes the value
// stored for a field. Stated once, keyed by every field type: a new type does not compile until
// it says how its values are read. Field settings that are not about the value's shape (bounds,
// lengths, pattern, required) are checked in `constraints.ts` and `validate-values.ts`.

export type CoerceResult = { ok: true; value: unknown } | { ok: false; message: string };
/** Tenant settings some values are read with: the country of phone numbers typed without "+". */
export type CoerceContext = { defaultCountry?: string };
export type Coercer = (raw: unknown, field: FormField, ctx?: CoerceContext) => CoerceResult;

const ok = (value: unknown): CoerceResult => ({ ok: true, value });
const fail = (message: string): CoerceResult => ({ ok: false, message });

/** Whether a raw input means "no value": null, undefined, blank text, and [] for a multiselect. */
export function isBlank(raw: unknown, type: FieldType): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === "string") return raw.trim() === "";
  return type === "multiselect" && Array.isArray(raw) && raw.length === 0;
}

function text(raw: unknown): CoerceResult {
  if (typeof raw === "string") return ok(raw.trim());
  // Imports send postcodes and order numbers as JSON numbers; their digits are the text.
  if (typeof raw === "number" && Number.isFinite(raw)) return ok(String(raw));
  return fail("must be text");
}

// RFC 5321/6531 addresses, internationalised domains included (contact-values.ts).
function email(raw: unknown): CoerceResult {
  const value = typeof raw === "string" ? normalizeEmail(raw) : null;
  return value !== null ? ok(value) : fail("must be a valid email address");
}

function url(raw: unknown): CoerceResult {
  const value = typeof raw === "string" ? normalizeUrl(raw) : null;
  return value !== null ? ok(value) : fail("must be an http(s) URL such as https://example.com");
}

function phone(raw: unknown, _field: FormField, ctx?: CoerceContext): CoerceResult {
  // A JSON number would already have lost the "+" and any leading zero, so it is refused.
  const value = typeof raw === "string" ? normalizePhone(raw, ctx?.defaultCountry) : null;
  if (value !== null) return ok(value);
  return fail(
    ctx?.defaultCountry
      ? "must be a valid phone number"
      : "must be a valid phone number in international form, like +1 202 555 0143",
  );
}

// Plain decimal notation with an optional exponent: "1,5", "0x10", "Infinity" are refused.
const NUMERIC_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function toNumber(raw: unknown): number | null {
  let n: number | null = null;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string" && NUMERIC_RE.test(raw.trim())) n = Number(raw.trim());
  if (n === null || !Number.isFinite(n)) return null;
  return n === 0 ? 0 : n; // -0 would print as 0 but compare oddly in Object.is
}

function number(raw: unknown): CoerceResult {
  const n = toNumber(raw);
  return n === null ? fail("must be a number") : ok(n);
}

// Cents must stay exact integers in a double.
const MAX_CURRENCY = Number.MAX_SAFE_INTEGER / 100;

function currency(raw: unknown): CoerceResult {
  const n = toNumber(raw);
  if (n === null) return fail("must be an amount");
  if (Math.abs(n) > MAX_CURRENCY) return fail("is too large");
  // More than two decimals is refused, never silently rounded; float noise from client arithmetic
  // (0.1 + 0.2) is within the tolerance and is snapped to the cent.
  const cents = Math.round(n * 100);
  if (Math.abs(n * 100 - cents) > 1e-6) return fail("must have at most 2 decimal places");
  return ok(cents / 100 || 0);
}

function boolean(raw: unknown): CoerceResult {
  if (typeof raw === "boolean") return ok(raw);
  const word = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (word === "true" || word === "false") return ok(word === "true");
  return fail("must be true or false");
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written exactly "YYYY-MM-DD". */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function date(raw: unknown): CoerceResult {
  const value = typeof raw === "string" ? raw.trim() : "";
  return isIsoDate(value) ? ok(value) : fail("must be a date like 2026-03-31");
}

// RFC 3339: a date, a time and a zone ("Z" or an offset). A zone-less time is refused because the
// browser and the Worker would read it in different zones.
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

function isClockTime(hh: string, mm: string, ss: string): boolean {
  return Number(hh) <= 23 && Number(mm) <= 59 && Number(ss) <= 59;
}

/** The instant of a strict RFC 3339 date-time with a zone, or null (never Date.parse's guesses). */
export function parseDatetimeMs(value: string): number | null {
  const m = DATETIME_RE.exec(value.toUpperCase());
  if (!m) return null;
  const [, day = "", hh = "", mm = "", ss = "00", frac = "", zone = ""] = m;
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const offset = zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const offsetOk = offset === "Z" || isClockTime(offset.slice(1, 3), offset.slice(-2), "0");
  if (!isCalendarDate(y, mo, d) || !isClockTime(hh, mm, ss) || !offsetOk) return null;
  // ECMAScript's own date-time format, so Date.parse reads it the same in every engine.
  const ms = Date.parse(`${day}T${hh}:${mm}:${ss}.${frac.padEnd(3, "0").slice(0, 3)}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

function datetime(raw: unknown): CoerceResult {
  const ms = typeof raw === "string" ? parseDatetimeMs(raw.trim()) : null;
  const iso = ms === null ? "" : new Date(ms).toISOString();
  // An offset can push year 9999 into 10000, which toISOString writes as "+010000-…".
  if (!/^\d{4}-/.test(iso)) return fail("must be a date and time with a zone, like 2026-03-31T09:30:00Z");
  return ok(iso);
}

function optionValues(field: FormField): string[] {
  return field.options?.map((o) => o.value) ?? [];
}

function oneOf(options: string[]): string {
  return options.length <= 10 ? `must be one of: ${options.join(", ")}` : "must be one of the field's options";
}

function select(raw: unknown, field: FormField): CoerceResult {
  const options = optionValues(field);
  const value = typeof raw === "string" ? raw.trim() : null;
  return value !== null && options.includes(value) ? ok(value) : fail(oneOf(options));
}

function multiselect(raw: unknown, field: FormField): CoerceResult {
  if (!Array.isArray(raw)) return fail("must be a list of options");
  const options = optionValues(field);
  const picked: string[] = [];
  const unknown: string[] = [];
  for (const item of raw) {
    const value = typeof item === "string" ? item.trim() : JSON.stringify(item);
    if (!options.includes(value)) unknown.push(value);
    else if (!picked.includes(value)) picked.push(value); // a set, in the order the user chose
  }
  if (unknown.length === 0) return ok(picked);
  return fail(`has values that are not options: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", …" : ""}`);
}

// Ids are opaque, but never blank, never contain whitespace or control characters, and fit 64.
const ID_RE = /^[^\s\p{Cc}]{1,64}$/u;

const id =
  (what: string) =>
  (raw: unknown): CoerceResult => {
    const value = typeof raw === "string" ? raw.trim() : "";
    return ID_RE.test(value) ? ok(value) : fail(`must be ${what} id (up to 64 characters, no spaces)`);
  };

const rules: Record<FieldType, Coercer> = {
  text,
  textarea: text,
  email,
  phone,
  url,
  number,
  currency,
  // A percent is the number shown before the "%": 15 means 15 %, not 0.15.
  percent: number,
  date,
  datetime,
  boolean,
  select,
  multiselect,
  reference: id("a record"),
  user: id("a user"),
};

function withBlank(type: FieldType, rule: Coercer): Coercer {
  return (raw, field, ctx) => (isBlank(raw, type) ? ok(null) : rule(raw, field, ctx));
}

/** Per type: raw value → stored value, or a message. Blank input becomes `null` (empty) for every type. */
export const coercers = Object.fromEntries(FIELD_TYPES.map((type) => [type, withBlank(type, rules[type])])) as Record<
  FieldType,
  Coercer
>;

/** Coerces `raw` by the rules of `field.type`. */
export function coerceValue(field: FormField, raw: unknown, ctx?: CoerceContext): CoerceResult {
  return coercers[valueTypeOf(field)](raw, field, ctx);
}
