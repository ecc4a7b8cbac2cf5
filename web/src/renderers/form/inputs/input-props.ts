import type { Ref } from "react";
import type { FormField } from "@shared/config/form";
import type { InputValue } from "../form-values";

/** What every field input gets from the form: its value, its wiring for labels and errors. */
export interface InputProps<V extends InputValue = InputValue> {
  id: string;
  field: FormField;
  value: V;
  onChange(value: V): void;
  onBlur(): void;
  readOnly: boolean;
  required: boolean;
  invalid: boolean;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>;
}

/** The attributes every native control gets. */
export function controlProps(p: InputProps) {
  return {
    id: p.id,
    name: p.field.name,
    onBlur: p.onBlur,
    required: p.required || undefined,
    "aria-required": p.required || undefined,
    "aria-invalid": p.invalid || undefined,
    "aria-describedby": p.describedBy,
    ref: p.inputRef,
  };
}
