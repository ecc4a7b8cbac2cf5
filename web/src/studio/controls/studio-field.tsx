// Labelled controls bound to a config path: the id comes from the path, so an error at that
// path is shown here and the error summary can focus the control.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { type ControlA11y, ControlErrors, useControl } from "../errors/errors-context";
import { numberOrUndefined, textOrUndefined } from "../patch";
import { controlId } from "../paths";

interface FieldProps {
  path: string;
  label: string;
  hint?: ReactNode;
  /** Also show errors of paths inside this one (lists edited by one control). */
  deep?: boolean;
  className?: string;
}

export function StudioField({
  path,
  label,
  hint,
  deep,
  className,
  children,
}: FieldProps & {
  children: (a11y: ControlA11y) => ReactNode;
}) {
  const hintId = hint ? `${controlId(path)}-hint` : undefined;
  const { a11y, errors, errorId } = useControl(path, { deep, hintId });
  return (
    <div className={`field${errors.length ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={a11y.id} className="field-label">
        {label}
      </label>
      {children(a11y)}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <ControlErrors id={errorId} errors={errors} />
    </div>
  );
}

type InputRest = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id">;

export function TextControl({
  value,
  onChange,
  optional,
  path,
  label,
  hint,
  deep,
  className,
  ...input
}: FieldProps &
  InputRest & {
    value: string | undefined;
    onChange: (value: string | undefined) => void;
    /** Empty text removes the setting. */
    optional?: boolean;
  }) {
  return (
    <StudioField path={path} label={label} hint={hint} deep={deep} className={className}>
      {(a11y) => (
        <input
          className="input"
          type="text"
          {...input}
          {...a11y}
          value={value ?? ""}
          onChange={(e) => onChange(optional ? textOrUndefined(e.target.value) : e.target.value)}
        />
      )}
    </StudioField>
  );
}

export function NumberControl({
  value,
  onChange,
  path,
  label,
  hint,
  className,
  ...input
}: FieldProps &
  InputRest & {
    value: number | undefined;
    onChange: (value: number | undefined) => void;
  }) {
  return (
    <StudioField path={path} label={label} hint={hint} className={className}>
      {(a11y) => (
        <input
          className="input"
          type="number"
          {...input}
          {...a11y}
          value={value ?? ""}
          onChange={(e) => onChange(numberOrUndefined(e.target.value))}
        />
      )}
    </StudioField>
  );
}

export function TextareaControl({
  value,
  onChange,
  optional,
  path,
  label,
  hint,
  className,
  ...rest
}: FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange" | "id"> & {
    value: string | undefined;
    onChange: (value: string | undefined) => void;
    optional?: boolean;
  }) {
  return (
    <StudioField path={path} label={label} hint={hint} className={className}>
      {(a11y) => (
        <textarea
          className="input"
          rows={3}
          {...rest}
          {...a11y}
          value={value ?? ""}
          onChange={(e) => onChange(optional ? textOrUndefined(e.target.value) : e.target.value)}
        />
      )}
    </StudioField>
  );
}

export function SelectControl({
  value,
  onChange,
  path,
  label,
  hint,
  className,
  children,
  ...rest
}: FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange" | "id"> & {
    value: string | undefined;
    onChange: (value: string) => void;
  }) {
  return (
    <StudioField path={path} label={label} hint={hint} className={className}>
      {(a11y) => (
        <select className="input" {...rest} {...a11y} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      )}
    </StudioField>
  );
}

export function CheckboxControl({
  checked,
  onChange,
  path,
  label,
  hint,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { a11y, errors, errorId } = useControl(path);
  return (
    <div className="field field-check">
      <label className="check">
        <input type="checkbox" {...a11y} checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {hint && <p className="field-hint">{hint}</p>}
      <ControlErrors id={errorId} errors={errors} />
    </div>
  );
}
