export const NAMESPACES = [
  "form",
  "view",
  "trigger",
  "condition",
  "action",
  "automation",
  "workflow",
  "approval",
  "sla",
  "calendar",
  "routing",
  "theme",
  "dashboard",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (NAMESPACES as readonly string[]).includes(value);
}

// These belong to the tenant as a whole, not to an entity: their items live under the entity
// name "tenant" (calendar/tenant/business_hours, theme/tenant/default, dashboard/tenant/default).
export const TENANT_ENTITY = "tenant";
export const TENANT_NAMESPACES: readonly Namespace[] = ["calendar", "theme", "dashboard"];

export function isTenantNamespace(ns: Namespace): boolean {
  return TENANT_NAMESPACES.includes(ns);
}
