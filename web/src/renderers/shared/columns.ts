// Columns of a view resolved against the entity's default form: label, width, how to show values.
import { valueTypeOf } from "@shared/config/field-types";
import type { FieldType } from "@shared/config/field-types";
import type { FormConfig, FormField } from "@shared/config/form";
import type { ViewConfig } from "@shared/config/view";
import { canRead } from "@shared/records/access";
import type { Role } from "@shared/roles";
import type { CrmRecord } from "../../api/types";
import { titleCase } from "../../config/labels";

/** A form field's type, or what a record's own property is. */
export type ColumnKind = FieldType | "status" | "timestamp" | "member" | "id";

export interface ColumnSpec {
  field: string;
  label: string;
  width?: number;
  kind: ColumnKind;
  def?: FormField;
}

const SYSTEM_KINDS: Record<string, ColumnKind> = {
  id: "id",
  status: "status",
  createdAt: "timestamp",
  updatedAt: "timestamp",
  ownerId: "member",
  createdBy: "member",
  updatedBy: "member",
};

const SYSTEM_LABELS: Record<string, string> = {
  id: "ID",
  status: "Status",
  createdAt: "Created",
  updatedAt: "Updated",
  ownerId: "Owner",
  createdBy: "Created by",
  updatedBy: "Updated by",
};

export function fieldOf(form: FormConfig | undefined, name: string): FormField | undefined {
  return form?.fields.find((f) => f.name === name);
}

/** One column, or null when the role may not read the field. */
export function resolveColumn(
  form: FormConfig | undefined,
  field: string,
  role: Role,
  label?: string,
  width?: number,
): ColumnSpec | null {
  const def = fieldOf(form, field);
  if (def && !canRead(def, role)) return null;
  const kind = (def ? valueTypeOf(def) : undefined) ?? SYSTEM_KINDS[field] ?? "text";
  return { field, label: label ?? def?.label ?? SYSTEM_LABELS[field] ?? titleCase(field), width, kind, def };
}

export function viewColumns(view: ViewConfig, form: FormConfig | undefined, role: Role): ColumnSpec[] {
  return view.columns
    .map((c) => resolveColumn(form, c.field, role, c.label, c.width))
    .filter((c): c is ColumnSpec => c !== null);
}

/** Without a view: the first few readable fields of the form. */
export function formColumns(form: FormConfig | undefined, role: Role): ColumnSpec[] {
  return (form?.fields ?? [])
    .filter((f) => f.type !== "textarea" && canRead(f, role))
    .slice(0, 6)
    .map((f) => ({ field: f.name, label: f.label, kind: valueTypeOf(f), def: f }));
}

/** A field's value, or the record's own property for system columns. */
export function columnValue(record: CrmRecord, field: string): unknown {
  if (Object.hasOwn(record.data ?? {}, field)) return record.data[field];
  return field in SYSTEM_KINDS ? (record as unknown as Record<string, unknown>)[field] : undefined;
}

// One rule names a record everywhere (lists, search, notifications): see shared/records/title.
export { recordTitle } from "@shared/records/title";
