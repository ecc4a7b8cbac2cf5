// The side navigation, derived from the published snapshot and the user's role.
import type { Role } from "@shared/roles";
import type { Snapshot } from "../api/types";
import { entityLabel, titleCase } from "./labels";
import { isFormConfig, isViewConfig, type ViewConfig, viewVisibleTo } from "./types";

export interface NavLink {
  label: string;
  to: string;
}

export interface NavView extends NavLink {
  key: string;
}

export interface NavEntity extends NavLink {
  entity: string;
  views: NavView[];
}

export interface Navigation {
  crm: NavEntity[];
  /** Everything for admins; only the audit log for managers (the API lets managers read it); null below. */
  studio: NavLink[] | null;
}

export const STUDIO_LINKS: NavLink[] = [
  { label: "Config items", to: "/studio" },
  { label: "New item", to: "/studio/new" },
  { label: "Publish", to: "/studio/publish" },
  { label: "Versions", to: "/studio/versions" },
  { label: "Sandboxes", to: "/studio/sandboxes" },
  { label: "Audit log", to: "/studio/audit" },
  { label: "Members", to: "/studio/members" },
  { label: "API keys", to: "/studio/keys" },
  { label: "Automation runs", to: "/studio/runs" },
  { label: "Outgoing email", to: "/studio/emails" },
  { label: "Secrets", to: "/studio/secrets" },
  { label: "Limits", to: "/studio/tenant" },
];

/** Studio pages a manager may open (their routes are guarded for manager and up). */
export const MANAGER_STUDIO: ReadonlySet<string> = new Set(["/studio/audit"]);

/** Entities are the keys of `snapshot.form` that have a `default` form. */
export function entityKeys(snapshot: Snapshot | null): string[] {
  const forms = snapshot?.form ?? {};
  return Object.keys(forms)
    .filter((entity) => isFormConfig(forms[entity]?.default))
    .sort();
}

export function entityTitle(snapshot: Snapshot | null, entity: string): string {
  const form = snapshot?.form?.[entity]?.default;
  return entityLabel(entity, isFormConfig(form) ? form.title : undefined);
}

/** The entity's views this role sees in navigation: `default` first, then by title. */
export function visibleViews(snapshot: Snapshot | null, entity: string, role: Role | null): NavView[] {
  const views = snapshot?.view?.[entity] ?? {};
  return Object.entries(views)
    .filter((entry): entry is [string, ViewConfig] => isViewConfig(entry[1]))
    .filter(([, view]) => viewVisibleTo(view, role))
    .map(([key, view]) => ({ key, label: view.title?.trim() || titleCase(key), to: `/crm/${entity}/views/${key}` }))
    .sort((a, b) => (a.key === "default" ? -1 : b.key === "default" ? 1 : a.label.localeCompare(b.label)));
}

export function buildNavigation(snapshot: Snapshot | null, role: Role | null): Navigation {
  const crm = entityKeys(snapshot)
    .map((entity) => ({
      entity,
      label: entityTitle(snapshot, entity),
      to: `/crm/${entity}`,
      views: visibleViews(snapshot, entity, role),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const studio =
    role === "admin" ? STUDIO_LINKS : role === "manager" ? STUDIO_LINKS.filter((l) => MANAGER_STUDIO.has(l.to)) : null;
  return { crm, studio };
}
