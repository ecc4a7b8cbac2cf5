// Validation errors of the item being edited, addressable by path, so each control shows its
// own errors and the summary can send focus to it.
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { ConfigError } from "@shared/config/issues";
import { controlId, isWithin } from "../paths";

export interface ErrorsApi {
  errors: ConfigError[];
  /** Messages whose path is exactly `path` (or inside it, with `deep`). */
  at(path: string, deep?: boolean): string[];
  /** How many errors lie at or below `path`. */
  countWithin(path: string): number;
  focus(path: string): void;
}

const noErrors: ErrorsApi = { errors: [], at: () => [], countWithin: () => 0, focus: () => undefined };
const ErrorsContext = createContext<ErrorsApi>(noErrors);

export function ErrorsProvider({
  errors,
  onFocus,
  children,
}: {
  errors: ConfigError[];
  onFocus: (path: string) => void;
  children: ReactNode;
}) {
  const api = useMemo<ErrorsApi>(
    () => ({
      errors,
      at: (path, deep = false) =>
        errors.filter((e) => (deep ? isWithin(e.path, path) : e.path === path)).map((e) => e.message),
      countWithin: (path) => errors.filter((e) => isWithin(e.path, path)).length,
      focus: onFocus,
    }),
    [errors, onFocus],
  );
  return <ErrorsContext.Provider value={api}>{children}</ErrorsContext.Provider>;
}

export function useErrors(): ErrorsApi {
  return useContext(ErrorsContext);
}

export interface ControlA11y {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** The id, error messages and aria wiring of the control that edits `path`. */
export function useControl(path: string, options: { deep?: boolean; hintId?: string } = {}) {
  const errors = useErrors().at(path, options.deep);
  const id = controlId(path);
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [options.hintId, errorId].filter(Boolean).join(" ") || undefined;
  const a11y: ControlA11y = {
    id,
    ...(errors.length > 0 ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
  return { id, errors, errorId, a11y };
}

/** The messages under a control; `id` is what the control's aria-describedby names. */
export function ControlErrors({ id, errors }: { id?: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(" · ")}
    </p>
  );
}
