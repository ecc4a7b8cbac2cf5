import type { FieldType } from "../../../../worker/shared/config/field-types";
import type { FormConfig, FormField } from "../../../../worker/shared/config/form";

const OPTIONS = [
  { value: "gold", label: "Gold" },
  { value: "silver", label: "Silver" },
  { value: "churned", label: "Churned" },
];

/** A field of `type` with the settings its type needs (options, entity), plus `extra`. */
export function makeField(type: FieldType, extra: Partial<FormField> = {}): FormField {
  return {
    name: `f_${type}`,
    label: type,
    type,
    ...(type === "select" || type === "multiselect" ? { options: OPTIONS } : {}),
    ...(type === "reference" ? { entity: "customers" } : {}),
    ...extra,
  };
}

export function makeForm(fields: FormField[]): FormConfig {
  return { title: "Thing", fields };
}
