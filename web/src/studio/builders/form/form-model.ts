// Pure edits of a form config, so the builder's handlers are one-liners and tests need no DOM.
import type { FormConfig, FormField } from "@shared/config/form";
import { type FieldType, NUMERIC_FIELD_TYPES, STRING_FIELD_TYPES } from "@shared/config/field-types";
import { asList, moveItem, patch, removeAt, replaceAt, uniqueName } from "../../patch";

// Keyed by every field type, so a new type does not compile until it has a label here.
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: "Text", textarea: "Long text", email: "Email", phone: "Phone", url: "URL", number: "Number",
  currency: "Currency", percent: "Percent", date: "Date", datetime: "Date and time", boolean: "Yes / no",
  select: "Select (one)", multiselect: "Select (many)", reference: "Reference to a record", user: "User",
};

export const hasOptions = (type: FieldType) => type === "select" || type === "multiselect";

export function newField(type: FieldType, taken: readonly string[], entities: readonly string[]): FormField {
  const name = uniqueName(`${type}_field`, taken);
  const field: FormField = { name, label: FIELD_TYPE_LABELS[type], type };
  if (hasOptions(type)) field.options = [{ value: "option_1", label: "Option 1" }];
  if (type === "reference") field.entity = entities[0] ?? "customers";
  return field;
}

/** The field as another type: settings the new type doesn't take are dropped. */
export function changeFieldType(field: FormField, type: FieldType): FormField {
  const keep = {
    options: hasOptions(type) ? field.options ?? [{ value: "option_1", label: "Option 1" }] : undefined,
    entity: type === "reference" ? field.entity ?? "customers" : undefined,
    min: NUMERIC_FIELD_TYPES[type] ? field.min : undefined,
    max: NUMERIC_FIELD_TYPES[type] ? field.max : undefined,
    minLength: STRING_FIELD_TYPES[type] ? field.minLength : undefined,
    maxLength: STRING_FIELD_TYPES[type] ? field.maxLength : undefined,
    pattern: STRING_FIELD_TYPES[type] ? field.pattern : undefined,
  };
  // A default of the old type would rarely be valid for the new one.
  return patch(field, { ...keep, type, default: field.type === type ? field.default : undefined });
}

export function fieldsOf(form: FormConfig): FormField[] {
  return asList(form.fields);
}

export function addField(form: FormConfig, type: FieldType, entities: readonly string[]): FormConfig {
  const fields = fieldsOf(form);
  return { ...form, fields: [...fields, newField(type, fields.map((f) => f.name), entities)] };
}

export function moveField(form: FormConfig, from: number, to: number): FormConfig {
  return { ...form, fields: moveItem(fieldsOf(form), from, to) };
}

/** Sections name fields; a renamed or removed field is renamed or removed there too. */
function mapSections(form: FormConfig, rename: (name: string) => string | null): FormConfig["sections"] {
  if (!form.sections) return undefined;
  return asList(form.sections).map((s) => ({
    ...s,
    fields: asList(s.fields).map(rename).filter((n): n is string => n !== null),
  }));
}

export function removeField(form: FormConfig, index: number): FormConfig {
  const gone = fieldsOf(form)[index]?.name;
  return patch({ ...form, fields: removeAt(fieldsOf(form), index) }, {
    sections: mapSections(form, (n) => (n === gone ? null : n)),
  });
}

export function updateField(form: FormConfig, index: number, field: FormField): FormConfig {
  const before = fieldsOf(form)[index]?.name;
  const next = { ...form, fields: replaceAt(fieldsOf(form), index, field) };
  if (before === undefined || before === field.name) return next;
  return patch(next, { sections: mapSections(form, (n) => (n === before ? field.name : n)) });
}
