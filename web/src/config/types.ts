// The parts of config.md shapes the shell reads. The server validates them fully at publish;
// these guards only keep a malformed snapshot from crashing the app.
// TODO: switch to the inferred types of worker/shared/config once it lands.
import { isRole, type Role } from "@shared/roles";

export interface FormField {
  name: string;
  label?: string;
  type: string;
  options?: Array<{ value: string; label?: string }>;
}

export interface FormConfig {
  title?: string;
  fields: FormField[];
}

export interface ViewColumn {
  field: string;
  label?: string;
  width?: number;
}

export interface ViewConfig {
  title?: string;
  type?: "table" | "kanban" | "list";
  columns: ViewColumn[];
  roles?: Role[];
  pageSize?: number;
}

export interface WorkflowStep {
  key: string;
  label?: string;
  category?: "open" | "won" | "lost" | "closed";
}

export interface WorkflowConfig {
  initial: string;
  steps: WorkflowStep[];
}

export type ColorMode = "light" | "dark" | "system";

export interface ThemeConfig {
  name?: string;
  logoUrl?: string;
  colors?: { primary?: string; accent?: string };
  defaultMode?: ColorMode;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isFormConfig(value: unknown): value is FormConfig {
  return isObject(value) && Array.isArray(value.fields) && value.fields.every((f) => isObject(f) && typeof f.name === "string");
}

export function isViewConfig(value: unknown): value is ViewConfig {
  return isObject(value) && Array.isArray(value.columns) && value.columns.every((c) => isObject(c) && typeof c.field === "string");
}

export function isWorkflowConfig(value: unknown): value is WorkflowConfig {
  return isObject(value) && Array.isArray(value.steps) && value.steps.every((s) => isObject(s) && typeof s.key === "string");
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
