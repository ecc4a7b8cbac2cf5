// What a form's inputs hold, per field type, and how they become a write the API accepts.
// Validation itself is the shared `validateRecordValues`: the same rules the server runs.
import { valueTypeOf } from "@shared/config/field-types";
import { format, isValid, parseISO } from "date-fns";
import { evaluateCondition, isEmptyValue } from "@shared/config/evaluate";
import type { FieldType } from "@shared/config/field-types";
import type { FormConfig, FormField } from "@shared/config/form";
import { canEdit } from "@shared/records/access";
import { coerceValue, isBlank } from "@shared/records/coerce";
import { defaultValue } from "@shared/records/defaults";
import { type FieldError, validateRecordValues } from "@shared/records/validate-values";
import type { Role } from "@shared/roles";

export type InputValue = string | boolean | string[];
export type InputValues = Record<string, InputValue>;

interface Codec {
  /** What an empty input holds. */
  empty: InputValue;
  /** Stored value → input state. */
  toInput(stored: unknown): InputValue;
  /** Input state → the raw value `coerceValue` reads. */
  fromInput(input: InputValue): unknown;
}

const asText = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : String(v));
const text: Codec = { empty: "", toInput: asText, fromInput: (v) => (typeof v === "string" ? v : asText(v)) };

// <input type="datetime-local"> speaks local wall time without a zone; records store UTC.
const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";
const datetime: Codec = {
  empty: "",
  toInput: (v) => {
    const at = typeof v === "string" ? parseISO(v) : null;
    return at && isValid(at) ? format(at, LOCAL_FORMAT) : asText(v);
  },
  fromInput: (v) => {
    if (typeof v !== "string" || !v.trim()) return "";
    const at = parseISO(v.trim()); // no zone: read as local time
    return isValid(at) ? at.toISOString() : v;
  },
};

const boolean: Codec = { empty: false, toInput: (v) => v === true, fromInput: (v) => v === true };
const list: Codec = {
  empty: [],
  toInput: (v) => (Array.isArray(v) ? v.map(String) : []),
  fromInput: (v) => (Array.isArray(v) ? v : []),
};

export const codecs: Record<FieldType, Codec> = {
  text,
  textarea: text,
  email: text,
  phone: text,
  url: text,
  number: text,
  currency: text,
  percent: text,
  date: text,
  datetime,
  boolean,
  select: text,
  multiselect: list,
  reference: text,
  user: text,
};

/** The input state for a field, falling back to empty when the held value has the wrong shape. */
export function normalizeInput(field: FormField, value: unknown): InputValue {
  const { empty } = codecs[valueTypeOf(field)];
  if (Array.isArray(empty)) return Array.isArray(value) ? value.map(String) : empty;
  return typeof value === typeof empty ? (value as InputValue) : empty;
}

export interface InitialContext {
  data?: Record<string, unknown>;
  userId?: string;
  now?: number;
}

/** Record data (update) or defaults (create) as input state. */
export function initialInput(field: FormField, ctx: InitialContext): InputValue {
  const stored = ctx.data
    ? ctx.data[field.name]
    : defaultValue(field, { now: ctx.now ?? Date.now(), userId: ctx.userId });
  return codecs[valueTypeOf(field)].toInput(stored);
}

export function initialInputs(fields: readonly FormField[], ctx: InitialContext): InputValues {
  return Object.fromEntries(fields.map((f) => [f.name, initialInput(f, ctx)]));
}

export interface WriteContext {
  mode: "create" | "update";
  role: Role;
  userId?: string;
  /** The record's data (update). */
  existing?: Record<string, unknown>;
  /** status, ownerId, createdAt…: conditions may name them. */
  system?: Record<string, unknown>;
  /** Field types (of the default form) and the tenant's time zone, for conditions. */
  scope?: ConditionTypes;
  /** The tenant's phone country (theme). */
  values?: TenantValues;
}

/** The record as conditions see it while the user types: coerced where the input is valid. */
export function conditionRecord(
  fields: readonly FormField[],
  inputs: InputValues,
  ctx: WriteContext,
): Record<string, unknown> {
  const record: Record<string, unknown> = { ...ctx.existing, ...ctx.system };
  for (const field of fields) {
    if (!Object.hasOwn(inputs, field.name)) continue;
    const raw = codecs[valueTypeOf(field)].fromInput(normalizeInput(field, inputs[field.name]));
    const result = coerceValue(field, raw, ctx.values);
    record[field.name] = result.ok ? result.value : raw;
  }
  return record;
}

/** The fields' types and the tenant's time zone: conditions mean here what they mean on the server. */
export type ConditionTypes = { types?: ReadonlyMap<string, string>; timeZone?: string };
/** Tenant settings values are read with: the country of phone numbers typed without "+". */
export type TenantValues = { defaultCountry?: string };

export function isShown(
  field: FormField,
  record: Record<string, unknown>,
  userId?: string,
  scope: ConditionTypes = {},
): boolean {
  return !field.visibleWhen || evaluateCondition(field.visibleWhen, { record, now: Date.now(), userId, ...scope });
}

export function isRequiredNow(
  field: FormField,
  record: Record<string, unknown>,
  userId?: string,
  scope: ConditionTypes = {},
): boolean {
  if (field.required) return true;
  return (
    field.requiredWhen !== undefined &&
    evaluateCondition(field.requiredWhen, { record, now: Date.now(), userId, ...scope })
  );
}

// Stored values are coerced, so equality is plain; a checkbox can't say "unset", so false = empty.
function sameStored(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => isEmptyValue(v) || v === false;
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * The body to send: every editable, shown field with a value (create), or only the fields whose
 * value differs from the record (update). Hidden (`visibleWhen`) and read-only fields never go.
 */
export function buildPayload(
  fields: readonly FormField[],
  inputs: InputValues,
  ctx: WriteContext,
): Record<string, unknown> {
  const record = conditionRecord(fields, inputs, ctx);
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    if (
      !Object.hasOwn(inputs, field.name) ||
      !canEdit(field, ctx.role) ||
      !isShown(field, record, ctx.userId, ctx.scope)
    )
      continue;
    const raw = codecs[valueTypeOf(field)].fromInput(normalizeInput(field, inputs[field.name]));
    if (ctx.mode === "create") {
      // An unticked box without a default means "not set"; with one, it overrides it.
      const skip =
        field.type === "boolean" ? raw === false && field.default === undefined : isBlank(raw, valueTypeOf(field));
      if (!skip) payload[field.name] = raw;
      continue;
    }
    const coerced = coerceValue(field, raw, ctx.values);
    if (!coerced.ok || !sameStored(coerced.value, ctx.existing?.[field.name])) payload[field.name] = raw;
  }
  return payload;
}

export interface CheckedWrite {
  payload: Record<string, unknown>;
  errors: FieldError[];
}

/** Build the write and check it with the server's own rules against the entity's default form. */
export function checkWrite(
  schema: Pick<FormConfig, "fields">,
  shownForm: Pick<FormConfig, "fields">,
  inputs: InputValues,
  ctx: WriteContext,
): CheckedWrite {
  const payload = buildPayload(shownForm.fields, inputs, ctx);
  const result = validateRecordValues(schema, payload, {
    mode: ctx.mode,
    existing: ctx.existing,
    role: ctx.role,
    userId: ctx.userId,
    system: ctx.system,
    timeZone: ctx.scope?.timeZone,
    defaultCountry: ctx.values?.defaultCountry,
  });
  return { payload, errors: result.ok ? [] : result.errors };
}
