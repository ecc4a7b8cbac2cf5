// Every field type's input, keyed by the shared FIELD_TYPES: a new type doesn't compile until
// it has a renderer here (and a codec in form-values.ts).
import type { ComponentType } from "react";
import type { FieldType } from "@shared/config/field-types";
import { CheckboxInput, DateInput, NumberInput, TextareaInput, TextInput } from "./inputs/basic-inputs";
import { MultiSelectInput, SelectInput } from "./inputs/choice-inputs";
import type { InputProps } from "./inputs/input-props";
import { ReferenceInput } from "./inputs/reference-input";
import { UserInput } from "./inputs/user-input";

export interface FieldRenderer {
  Input: ComponentType<InputProps>;
  /** control: a label above; group: a fieldset with a legend; checkbox: the label beside it. */
  layout: "control" | "group" | "checkbox";
  /** Spans the whole form row. */
  wide?: boolean;
}

export const fieldRenderers: Record<FieldType, FieldRenderer> = {
  text: { Input: TextInput, layout: "control" },
  textarea: { Input: TextareaInput, layout: "control", wide: true },
  email: { Input: TextInput, layout: "control" },
  phone: { Input: TextInput, layout: "control" },
  url: { Input: TextInput, layout: "control" },
  number: { Input: NumberInput, layout: "control" },
  currency: { Input: NumberInput, layout: "control" },
  percent: { Input: NumberInput, layout: "control" },
  date: { Input: DateInput, layout: "control" },
  datetime: { Input: DateInput, layout: "control" },
  boolean: { Input: CheckboxInput, layout: "checkbox" },
  select: { Input: SelectInput, layout: "control" },
  multiselect: { Input: MultiSelectInput, layout: "group", wide: true },
  reference: { Input: ReferenceInput, layout: "control" },
  user: { Input: UserInput, layout: "control" },
};
