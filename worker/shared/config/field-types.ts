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
  text: false, textarea: false, email: false, phone: false, url: false,
  number: true, currency: true, percent: true,
  date: false, datetime: false, boolean: false, select: false, multiselect: false,
  reference: false, user: false,
};

export const STRING_FIELD_TYPES: Record<FieldType, boolean> = {
  text: true, textarea: true, email: true, phone: true, url: true,
  number: false, currency: false, percent: false,
  date: false, datetime: false, boolean: false, select: false, multiselect: false,
  reference: false, user: false,
};
