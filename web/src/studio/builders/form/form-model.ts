// Pure edits of a form config, so the builder's handlers are one-liners and tests need no DOM.
import type { FormConfig, FormField } from "@shared/config/form";
import {
  COMPUTED_FIELD_TYPES,
  FIELD_TYPES,
  type FormFieldType,
  NUMERIC_FIELD_TYPES,
  STRING_FIELD_TYPES,
  isComputedType,
} from "@shared/config/field-types";
import { asList, moveItem, patch, removeAt, replaceAt, uniqueName } from "../../patch";

// Keyed by every field type, so a new type does not compile until it has a label here.
export const FIELD_TYPE_LABELS: Record<FormFieldType, string> = {
  text: "Text",
  textarea: "Long text",
  email: "Email",
  phone: "Phone",
  url: "URL",
  number: "Number",
  currency: "Currency",
  percent: "Percent",
  date: "Date",
  datetime: "Date and time",
  boolean: "Yes / no",
  select: "Select (one)",
  multiselect: "Select (many)",
  reference: "Reference to a record",
  user: "User",
  formula: "Formula (computed)",
  rollup: "Roll-up of related records (computed)",
};

/** Every type the builder offers: stored types, then computed ones. */
export const BUILDER_FIELD_TYPES: readonly FormFieldType[] = [...FIELD_TYPES, ...COMPUTED_FIELD_TYPES];

export const hasOptions = (type: FormFieldType) => type === "select" || type === "multiselect";
const numeric = (type: FormFieldType) => !isComputedType(type) && NUMERIC_FIELD_TYPES[type];
const textual = (type: FormFieldType) => !isComputedType(type) && STRING_FIELD_TYPES[type];

export function newField(type: FormFieldType, taken: readonly string[], entities: readonly string[]): FormField {
  const name = uniqueName(`${type}_field`, taken);
  const field: FormField = { name, label: FIELD_TYPE_LABELS[type], type };
  if (hasOptions(type)) field.options = [{ value: "option_1", label: "Option 1" }];
  if (type === "reference") field.entity = entities[0] ?? "customers";
  Object.assign(field, computedSettings(field, type, entities));
  return field;
}

// A computed field starts valid where it can: a formula "0" of type number; a roll-up counting
// records of another entity (its `via` still has to be chosen).
function computedSettings(field: FormField, type: FormFieldType, entities: readonly string[]): Partial<FormField> {
  if (type === "formula") return { formula: field.formula ?? "0", resultType: field.resultType ?? "number" };
  if (type === "rollup")
    return { rollup: field.rollup ?? { entity: entities[0] ?? "customers", via: "", op: "count" } };
  return {};
}

/** The field as another type: settings the new type doesn't take are dropped. */
export function changeFieldType(field: FormField, type: FormFieldType, entities: readonly string[] = []): FormField {
  const computed = isComputedType(type);
  const keep = {
    formula: undefined,
    rollup: undefined,
    resultType: computed ? field.resultType : undefined,
    ...(computed ? { required: undefined, unique: undefined, placeholder: undefined, requiredWhen: undefined } : {}),
    options: hasOptions(type) ? (field.options ?? [{ value: "option_1", label: "Option 1" }]) : undefined,
    entity: type === "reference" ? (field.entity ?? "customers") : undefined,
    min: numeric(type) ? field.min : undefined,
    max: numeric(type) ? field.max : undefined,
    minLength: textual(type) ? field.minLength : undefined,
    maxLength: textual(type) ? field.maxLength : undefined,
    pattern: textual(type) ? field.pattern : undefined,
    ...computedSettings(field, type, entities),
  };
  // A default of the old type would rarely be valid for the new one.
  return patch(field, { ...keep, type, default: field.type === type ? field.default : undefined });
}

export function fieldsOf(form: FormConfig): FormField[] {
  return asList(form.fields);
}

export function addField(form: FormConfig, type: FormFieldType, entities: readonly string[]): FormConfig {
  const fields = fieldsOf(form);
  return {
    ...form,
    fields: [
      ...fields,
      newField(
        type,
        fields.map((f) => f.name),
        entities,
      ),
    ],
  };
}

export function moveField(form: FormConfig, from: number, to: number): FormConfig {
  return { ...form, fields: moveItem(fieldsOf(form), from, to) };
}

/** Sections name fields; a renamed or removed field is renamed or removed there too. */
function mapSections(form: FormConfig, rename: (name: string) => string | null): FormConfig["sections"] {
  if (!form.sections) return undefined;
  return asList(form.sections).map((s) => ({
    ...s,
    fields: asList(s.fields)
      .map(rename)
      .filter((n): n is string => n !== null),
  }));
}

export function removeField(form: FormConfig, index: number): FormConfig {
  const gone = fieldsOf(form)[index]?.name;
  return patch(
    { ...form, fields: removeAt(fieldsOf(form), index) },
    {
      sections: mapSections(form, (n) => (n === gone ? null : n)),
    },
  );
}

export function updateField(form: FormConfig, index: number, field: FormField): FormConfig {
  const before = fieldsOf(form)[index]?.name;
  const next = { ...form, fields: replaceAt(fieldsOf(form), index, field) };
  if (before === undefined || before === field.name) return next;
  return patch(next, { sections: mapSections(form, (n) => (n === before ? field.name : n)) });
}
