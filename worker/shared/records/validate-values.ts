import { conditionRefs, type Condition } from "../config/condition";
import { fieldTypesOf } from "../config/condition-scope";
import { foldText } from "../config/operands";
import { conditionFields, evaluateCondition, isEmptyValue, type EvalContext } from "../config/evaluate";
import type { FormConfig, FormField } from "../config/form";
import type { Role } from "../roles";
import { canWrite } from "./access";
import { coerceValue } from "./coerce";
import { isComputedType } from "../config/field-types";
import { computedValues } from "../formula/fields";
import { constraintErrors } from "./constraints";
import { defaultValue } from "./defaults";

// Validates a record write (POST body, PATCH body, the web form's state) against an entity's
// published default form. The Worker and the web app call this same function, so a form that
// submits cleanly is a write the API accepts.

export type ValidateOptions = {
  mode: "create" | "update";
  /** The record's current data (update). */
  existing?: Record<string, unknown>;
  role: Role;
  /** For "$now" defaults and conditions; defaults to Date.now(). */
  now?: number;
  /** The acting user: "$user" in conditions and user-field defaults. */
  userId?: string;
  /** Record properties conditions may name besides fields: status, ownerId, createdAt, updatedAt. */
  system?: Record<string, unknown>;
  /** Named conditions (`{ "ref": key }`) of the entity; without it a ref never holds. */
  resolveRef?: (key: string) => Condition | undefined;
  /** The tenant's time zone, for dates against "$now" in conditions (default UTC). */
  timeZone?: string;
  /** The tenant's country for phone numbers typed without "+" (ISO 3166-1 alpha-2). */
  defaultCountry?: string;
  /** Internal writers (automations, the inbox) may set read-only fields; the HTTP API never passes this. */
  allowReadOnly?: boolean;
  /** Records made from outside input (an inbox message creates its sender's customer) may lack
   *  required fields; a person completes them later. Values given are still checked. */
  skipRequired?: boolean;
};

export type FieldError = { path: string; message: string };
export type UniqueValue = { field: string; value: string };
export type ReferenceValue = { field: string; entity: string; id: string };
export type UserValue = { field: string; id: string };

export type ValidValues = {
  ok: true;
  /** The coerced input fields (null where the input emptied a field), plus defaults on create. */
  values: Record<string, unknown>;
  /** The full data to store: existing data (update) with `values` applied; emptied fields are removed. */
  data: Record<string, unknown>;
  /** Fields in `values` whose value differs from before (create: every non-empty one). */
  changed: string[];
  /** New values of `unique` fields (in `changed`, non-empty), as `uniqueKey` strings. */
  unique: UniqueValue[];
  /** New reference values (in `changed`, non-empty): the records they name must exist. */
  references: ReferenceValue[];
  /** New user values (in `changed`, non-empty): the users must be members of the tenant. */
  users: UserValue[];
};
export type InvalidValues = { ok: false; status: 403 | 422; errors: FieldError[] };
export type ValidationResult = ValidValues | InvalidValues;

type Fields = ReadonlyMap<string, FormField>;

/** Checks a write and returns what to store, or every problem found (403 before 422). */
export function validateRecordValues(
  form: Pick<FormConfig, "fields">,
  input: unknown,
  opts: ValidateOptions,
): ValidationResult {
  if (!isPlainObject(input)) return invalid(422, [{ path: "", message: "must be an object of field values" }]);
  const fields: Fields = new Map(form.fields.map((f) => [f.name, f]));
  // `undefined` is how JavaScript callers say "not given"; JSON cannot carry it.
  const entries = Object.entries(input).filter(([, raw]) => raw !== undefined);
  // Computed fields are never written, whoever asks: 422 before access is looked at.
  const computed = computedErrors(entries, fields);
  if (computed.length > 0) return invalid(422, computed);
  const forbidden = forbiddenFields(entries, fields, opts.role);
  if (forbidden.length > 0) return invalid(403, forbidden);

  const errors: FieldError[] = [];
  const before = opts.mode === "update" ? (opts.existing ?? {}) : {};
  const values = coerceInput(entries, fields, opts, errors);
  if (opts.mode === "create") applyDefaults(form.fields, values, opts);
  const clock = { now: opts.now ?? Date.now(), timeZone: opts.timeZone ?? "UTC" };
  Object.assign(values, computedValues(form.fields, mergeData(before, values), opts.mode, clock));
  const data = mergeData(before, values);
  const touched = new Set(entries.map(([name]) => name));
  const failed = new Set(errors.map((e) => e.path));
  if (!opts.skipRequired) errors.push(...requiredErrors(form.fields, data, touched, failed, opts));
  if (errors.length > 0) return invalid(422, errors);

  const changed = Object.keys(values).filter((name) => !sameValue(own(before, name), values[name]));
  return { ok: true, values, data, changed, ...collectChecks(form.fields, values, new Set(changed)) };
}

function invalid(status: 403 | 422, errors: FieldError[]): InvalidValues {
  return { ok: false, status, errors };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const own = (obj: Record<string, unknown>, key: string) => (Object.hasOwn(obj, key) ? obj[key] : undefined);

function computedErrors(entries: [string, unknown][], fields: Fields): FieldError[] {
  return entries.flatMap(([name]) => {
    const field = fields.get(name);
    if (!field || !isComputedType(field.type)) return [];
    return [{ path: name, message: `is a ${field.type} field: its value is computed and cannot be written` }];
  });
}

// Access is decided before any value is looked at: a caller who may not touch a field learns
// that, not whether the value would have been valid.
function forbiddenFields(entries: [string, unknown][], fields: Fields, role: Role): FieldError[] {
  return entries
    .filter(([name]) => {
      const field = fields.get(name);
      return field !== undefined && !canWrite(field, role);
    })
    .map(([name]) => ({ path: name, message: "you are not allowed to change this field" }));
}

function coerceInput(
  entries: [string, unknown][],
  fields: Fields,
  opts: ValidateOptions,
  errors: FieldError[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, raw] of entries) {
    const field = fields.get(name);
    const problems = field ? fieldProblems(field, raw, opts) : { messages: ["unknown field"] };
    if ("value" in problems) values[name] = problems.value;
    else errors.push(...problems.messages.map((message) => ({ path: name, message })));
  }
  return values;
}

function fieldProblems(
  field: FormField,
  raw: unknown,
  opts: ValidateOptions,
): { value: unknown } | { messages: string[] } {
  if (field.readOnly && !opts.allowReadOnly) return { messages: ["is read-only"] };
  const result = coerceValue(field, raw, { defaultCountry: opts.defaultCountry });
  if (!result.ok) return { messages: [result.message] };
  const messages = result.value === null ? [] : constraintErrors(field, result.value);
  return messages.length > 0 ? { messages } : { value: result.value };
}

// Defaults fill fields the input leaves out; an explicit empty value stays empty. They are the
// admin's values, so they apply whatever the role may write, and read-only fields get them too.
function applyDefaults(fields: readonly FormField[], values: Record<string, unknown>, opts: ValidateOptions): void {
  const ctx = { now: opts.now ?? Date.now(), userId: opts.userId };
  for (const field of fields) {
    if (Object.hasOwn(values, field.name)) continue;
    const value = defaultValue(field, ctx);
    if (value !== null) values[field.name] = value;
  }
}

function mergeData(base: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  // defineProperty: stored keys are copied as data, even one named "__proto__".
  for (const [key, value] of Object.entries(base)) {
    Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const [key, value] of Object.entries(values)) {
    if (value === null) delete data[key];
    else data[key] = value;
  }
  return data;
}

/** Stored values are coerced, so equality is plain; empty equals empty; lists keep their order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function requiredErrors(
  fields: readonly FormField[],
  data: Record<string, unknown>,
  touched: ReadonlySet<string>,
  failed: ReadonlySet<string>,
  opts: ValidateOptions,
): FieldError[] {
  const ctx: EvalContext = {
    record: { ...data, ...opts.system },
    now: opts.now ?? Date.now(),
    userId: opts.userId,
    resolveRef: opts.resolveRef,
    types: fieldTypesOf({ fields }),
    timeZone: opts.timeZone,
  };
  return fields
    .filter((field) => !failed.has(field.name) && isEmptyValue(own(data, field.name)))
    .filter((field) => askable(field, opts) && inPlay(field, touched, opts) && isRequired(field, ctx))
    .map((field) => ({ path: field.name, message: "is required" }));
}

// A role is never asked for a value it may not give: a field it cannot write, or a read-only one,
// is filled by its default, a higher role or an automation, and the web form marks it the same way.
function askable(field: FormField, opts: ValidateOptions): boolean {
  return canWrite(field, opts.role) && (!field.readOnly || opts.allowReadOnly === true);
}

// On update, a field counts only when this write touches it or something its conditions read. An
// edit elsewhere must not fail on a field that was already empty (it may have become required
// after the record was created), but the edit that makes it needed (tier → churned) must supply it.
function inPlay(field: FormField, touched: ReadonlySet<string>, opts: ValidateOptions): boolean {
  if (opts.mode === "create" || touched.has(field.name)) return true;
  const conditions = [field.visibleWhen, field.requiredWhen].filter((c): c is Condition => c !== undefined);
  return conditions.some((c) => fieldsRead(c, opts.resolveRef).some((name) => touched.has(name)));
}

function fieldsRead(cond: Condition, resolveRef: ValidateOptions["resolveRef"], seen = new Set<string>()): string[] {
  const names = conditionFields(cond);
  for (const ref of conditionRefs(cond)) {
    const target = seen.has(ref) ? undefined : resolveRef?.(ref);
    seen.add(ref);
    if (target) names.push(...fieldsRead(target, resolveRef, seen));
  }
  return names;
}

// A field hidden by `visibleWhen` is never required: the form does not show it, so nobody could fill it.
function isRequired(field: FormField, ctx: EvalContext): boolean {
  if (field.visibleWhen && !evaluateCondition(field.visibleWhen, ctx)) return false;
  return field.required === true || (field.requiredWhen !== undefined && evaluateCondition(field.requiredWhen, ctx));
}

/**
 * The string a value is compared by for `unique`: text and email case-insensitively (the same
 * Unicode case folding as conditions, so "Straße" and "STRASSE" collide), phone numbers
 * by their digits (and leading +), so "+1 (555) 010-999" and "+1 555 010 999" collide; a
 * multiselect as its sorted options. Stored values can be keyed the same way.
 */
export function uniqueKey(field: Pick<FormField, "type">, value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(String).sort());
  if (typeof value !== "string") return String(value);
  if (field.type === "text" || field.type === "textarea" || field.type === "email") return foldText(value);
  if (field.type === "phone") return (value.startsWith("+") ? "+" : "") + value.replace(/\D/g, "");
  return value;
}

// Only values this write changes need checking: an unchanged value is already this record's own
// (it would clash with itself), and a reference kept as it was must not fail a later edit.
function collectChecks(fields: readonly FormField[], values: Record<string, unknown>, changed: ReadonlySet<string>) {
  const unique: UniqueValue[] = [];
  const references: ReferenceValue[] = [];
  const users: UserValue[] = [];
  for (const field of fields) {
    const value = own(values, field.name);
    if (!changed.has(field.name) || isEmptyValue(value)) continue;
    if (field.unique) unique.push({ field: field.name, value: uniqueKey(field, value) });
    if (field.type === "reference" && field.entity) {
      references.push({ field: field.name, entity: field.entity, id: String(value) });
    }
    if (field.type === "user") users.push({ field: field.name, id: String(value) });
  }
  return { unique, references, users };
}
