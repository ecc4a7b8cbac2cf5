// Every field type a form may declare. Declared once so that validation, coercion and the web
// renderers can be `Record<FieldType, …>`: adding a type does not compile until each is wired.
export const FIELD_TYPES = [
  "text",
  "textarea",
  "email",
  "phone",
  "url",
  "number",
  "currency",
  "percent",
  "date",
  "datetime",
  "boolean",
  "select",
  "multiselect",
  "reference",
  "user",
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export function isFieldType(value: unknown): value is FieldType {
  return typeof value === "string" && (FIELD_TYPES as readonly string[]).includes(value);
}

// Which settings make sense for which type. Kept as records so a new type must decide.
export const NUMERIC_FIELD_TYPES: Record<FieldType, boolean> = {
  text: false,
  textarea: false,
  email: false,
  phone: false,
  url: false,
  number: true,
  currency: true,
  percent: true,
  date: false,
  datetime: false,
  boolean: false,
  select: false,
  multiselect: false,
  reference: false,
  user: false,
};

export const STRING_FIELD_TYPES: Record<FieldType, boolean> = {
  text: true,
  textarea: true,
  email: true,
  phone: true,
  url: true,
  number: false,
  currency: false,
  percent: false,
  date: false,
  datetime: false,
  boolean: false,
  select: false,
  multiselect: false,
  reference: false,
  user: false,
};

// Computed fields (spec/config.md "Computed fields"): their values are computed, never written.
// They store values of a plain type — a formula its `resultType`, a roll-up a number — so
// everything that reads values (conditions, SQL, renderers) uses that type (`valueTypeOf`).
export const COMPUTED_FIELD_TYPES = ["formula", "rollup"] as const;
export type ComputedFieldType = (typeof COMPUTED_FIELD_TYPES)[number];
/** What a form field's `type` may be. */
export type FormFieldType = FieldType | ComputedFieldType;

export const FORMULA_RESULT_TYPES = ["text", "number", "currency", "percent", "date", "datetime", "boolean"] as const;
export type FormulaResultType = (typeof FORMULA_RESULT_TYPES)[number];
export const ROLLUP_RESULT_TYPES = ["number", "currency", "percent"] as const;

export function isComputedType(type: unknown): type is ComputedFieldType {
  return type === "formula" || type === "rollup";
}

/** The type of the values a field stores: a formula's `resultType`, a roll-up's (number by default). */
export function valueTypeOf(field: { type: FormFieldType; resultType?: FormulaResultType }): FieldType {
  if (field.type === "formula") return field.resultType ?? "text";
  if (field.type === "rollup") return field.resultType ?? "number";
  return field.type;
}
