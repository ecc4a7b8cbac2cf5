// CRM pages beside the entities: the dashboard (when one is published) and the work queues.
import type { DashboardConfig } from "@shared/config/dashboard";
import { roleAtLeast, type Role } from "@shared/roles";
import type { Snapshot } from "../api/types";
import { entityKeys, type NavLink } from "./navigation";

const isDashboard = (value: unknown): value is DashboardConfig =>
  typeof value === "object" && value !== null && Array.isArray((value as DashboardConfig).widgets);

/** The tenant's dashboards (`dashboard/tenant/<key>`), `default` first, then by title. */
export function dashboardEntries(snapshot: Snapshot | null): Array<[string, DashboardConfig]> {
  return Object.entries(snapshot?.dashboard?.tenant ?? {})
    .filter((entry): entry is [string, DashboardConfig] => isDashboard(entry[1]))
    .sort(([a, x], [b, y]) =>
      a === "default" ? -1 : b === "default" ? 1 : (x.title ?? a).localeCompare(y.title ?? b),
    );
}

export function crmLinks(snapshot: Snapshot | null, role: Role | null): NavLink[] {
  const links: NavLink[] = [];
  if (dashboardEntries(snapshot).length > 0) links.push({ label: "Dashboard", to: "/crm/dashboard" });
  if (!role || !roleAtLeast(role, "agent")) return links;
  // The inbox opens cases, so it's there when cases are.
  if (entityKeys(snapshot).includes("cases")) links.push({ label: "Inbox", to: "/crm/inbox" });
  links.push(
    { label: "My activities", to: "/crm/activities" },
    { label: "My approvals", to: "/crm/approvals" },
    { label: "Jobs", to: "/crm/jobs" },
  );
  return links;
}
