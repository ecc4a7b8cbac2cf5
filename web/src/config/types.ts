// Config shapes come from the shared zod schemas (type-only: nothing of them ships to the
// browser). The server validated every published item; these guards only keep a damaged
// snapshot from crashing the app.
import { isRole, type Role } from "@shared/roles";
import type { FormConfig } from "@shared/config/form";
import type { ThemeConfig } from "@shared/config/theme";
import type { ViewConfig } from "@shared/config/view";
import type { WorkflowConfig } from "@shared/config/workflow";

export type { FormConfig } from "@shared/config/form";
export type { ThemeConfig } from "@shared/config/theme";
export type { ViewConfig } from "@shared/config/view";
export type { WorkflowConfig } from "@shared/config/workflow";

export type ColorMode = "light" | "dark" | "system";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isFormConfig(value: unknown): value is FormConfig {
  return (
    isObject(value) &&
    Array.isArray(value.fields) &&
    value.fields.every((f) => isObject(f) && typeof f.name === "string")
  );
}

export function isViewConfig(value: unknown): value is ViewConfig {
  return (
    isObject(value) &&
    Array.isArray(value.columns) &&
    value.columns.every((c) => isObject(c) && typeof c.field === "string")
  );
}

export function isWorkflowConfig(value: unknown): value is WorkflowConfig {
  return (
    isObject(value) && Array.isArray(value.steps) && value.steps.every((s) => isObject(s) && typeof s.key === "string")
  );
}

export function isThemeConfig(value: unknown): value is ThemeConfig {
  return isObject(value) && (value.colors === undefined || isObject(value.colors));
}

export function isColorMode(value: unknown): value is ColorMode {
  return value === "light" || value === "dark" || value === "system";
}

/** A view with no `roles` is for everyone; otherwise the list names who sees it. */
export function viewVisibleTo(view: ViewConfig, role: Role | null): boolean {
  if (!Array.isArray(view.roles) || view.roles.length === 0) return true;
  return role !== null && view.roles.filter(isRole).includes(role);
}
