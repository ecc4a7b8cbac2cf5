// A fieldset that stands for one config path (a list, a set of checkboxes): focusable, so the
// error summary can send focus to it, and showing the errors at that path.
import type { ReactNode } from "react";
import { ControlErrors, useControl } from "../errors/errors-context";

export function GroupControl({
  path,
  legend,
  hint,
  deep,
  className,
  children,
}: {
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  deep?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { a11y, errors, errorId } = useControl(path, { deep });
  return (
    <fieldset
      className={`group-control${errors.length ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}
      {...a11y}
      tabIndex={-1}
    >
      <legend className="field-label">{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {children}
      <ControlErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
