import type { FormConfig, FormField } from "../config/form";
import { isComputedType } from "../config/field-types";
import { roleAtLeast, type Role } from "../roles";

// Field-level security, one rule for every path: API responses, lists, exports, the web form.
// A field's `access.read` / `access.write` name the lowest role allowed.

type Guarded = Pick<FormField, "access">;
type NamedField = Guarded & Pick<FormField, "name">;

// Creating and updating records needs agent (api.md), so `access.write` can raise that bar but
// never lower it: read_only never writes, whatever a form says.
const LOWEST_WRITER: Role = "agent";

/** Whether `role` may see the field's value. No `access.read`: every member may. */
export function canRead(field: Guarded, role: Role): boolean {
  const read = field.access?.read;
  return read === undefined || roleAtLeast(role, read);
}

/** Whether `role` may set the field. No `access.write`: agent and above. */
export function canWrite(field: Guarded, role: Role): boolean {
  const write = field.access?.write ?? LOWEST_WRITER;
  // A value one may not see is not one to overwrite: `{ read: "manager" }` alone keeps agents out too.
  return canRead(field, role) && roleAtLeast(role, LOWEST_WRITER) && roleAtLeast(role, write);
}

/** Whether a form should offer an input for the field: writable by the role and not read-only. */
export function canEdit(
  field: Guarded & Pick<FormField, "readOnly"> & { type?: FormField["type"] },
  role: Role,
): boolean {
  return field.readOnly !== true && !isComputedType(field.type) && canWrite(field, role);
}

/**
 * The fields `role` may read, in form order. ("Visible" by access; `visibleWhen` is a separate,
 * per-record question for the form renderer.)
 */
export function visibleFields<F extends Guarded>(form: { fields: readonly F[] }, role: Role): F[] {
  return form.fields.filter((field) => canRead(field, role));
}

/**
 * A copy of a record's data holding only the form's fields that `role` may read. Keys the form no
 * longer declares are dropped too: a removed field may have been restricted, and nothing says so
 * any more. Only the fields are copied (arrays included), so the caller's data is never shared.
 */
export function redactRecordData(
  data: Record<string, unknown>,
  form: { fields: readonly NamedField[] },
  role: Role,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (!canRead(field, role) || !Object.hasOwn(data, field.name)) continue;
    const value = data[field.name];
    out[field.name] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/** The record with its `data` redacted for `role`; every other property is kept. */
export function redactRecord<R extends { data: Record<string, unknown> }>(
  record: R,
  form: Pick<FormConfig, "fields">,
  role: Role,
): R {
  return { ...record, data: redactRecordData(record.data, form, role) };
}
