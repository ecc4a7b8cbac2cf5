// One field of a form: its input from the registry, its label, help and error, wired for
// screen readers (label/legend, aria-describedby, aria-invalid, aria-required).
import { valueTypeOf } from "@shared/config/field-types";
import { type ReactNode, useId } from "react";
import { type Control, useController } from "react-hook-form";
import type { FormField } from "@shared/config/form";
import { fieldRenderers } from "./field-registry";
import { type InputValues, normalizeInput } from "./form-values";

interface FieldControlProps {
  field: FormField;
  control: Control<InputValues>;
  readOnly: boolean;
  required: boolean;
}

export function FieldControl({ field, control, readOnly, required }: FieldControlProps) {
  const { field: state, fieldState } = useController({ name: field.name, control });
  const id = useId();
  const renderer = fieldRenderers[valueTypeOf(field)];
  const error = fieldState.error?.message;
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const marker =
    required && !readOnly ? (
      <span className="required-mark" aria-hidden="true">
        {" "}
        *
      </span>
    ) : null;

  const input = (
    <renderer.Input
      id={id}
      field={field}
      value={normalizeInput(field, state.value)}
      onChange={state.onChange}
      onBlur={state.onBlur}
      readOnly={readOnly}
      required={required && !readOnly}
      invalid={Boolean(error)}
      describedBy={renderer.layout === "group" ? undefined : describedBy}
      inputRef={state.ref}
    />
  );
  const notes: ReactNode = (
    <>
      {field.help && (
        <p id={helpId} className="field-hint">
          {field.help}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
  const className = `field${error ? " field-invalid" : ""}${renderer.wide ? " form-wide" : ""}`;

  if (renderer.layout === "group") {
    return (
      <fieldset
        className={`${className} field-group`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        <legend className="field-label">
          {field.label}
          {marker}
        </legend>
        {input}
        {notes}
      </fieldset>
    );
  }
  if (renderer.layout === "checkbox") {
    return (
      <div className={`${className} field-checkbox`}>
        <div className="checkbox-row">
          {input}
          <label htmlFor={id} className="field-label">
            {field.label}
            {marker}
          </label>
        </div>
        {notes}
      </div>
    );
  }
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">
        {field.label}
        {marker}
      </label>
      {input}
      {notes}
    </div>
  );
}
