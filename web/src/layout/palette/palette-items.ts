// What the command palette offers besides records: pages and "New <entity>" actions, by role.
import { roleAtLeast, type Role } from "@shared/roles";
import type { Snapshot } from "../../api/types";
import { crmLinks } from "../../config/crm-links";
import { buildNavigation } from "../../config/navigation";
import { entitySingular } from "../../pages/crm/entity-guard";

export type PaletteGroup = "Records" | "Actions" | "Pages";

export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  label: string;
  /** Small text beside the label ("Customer", "Page"). */
  hint?: string;
  to: string;
}

export function staticItems(snapshot: Snapshot | null, role: Role | null): PaletteItem[] {
  const nav = buildNavigation(snapshot, role);
  const pages: PaletteItem[] = [
    { id: "page:/crm", group: "Pages", label: "Home", to: "/crm" },
    ...crmLinks(snapshot, role).map((l) => ({ id: `page:${l.to}`, group: "Pages" as const, label: l.label, to: l.to })),
    ...nav.crm.flatMap((e) => [
      { id: `page:${e.to}`, group: "Pages" as const, label: e.label, to: e.to },
      ...e.views
        .filter((v) => v.key !== "default")
        .map((v) => ({ id: `page:${v.to}`, group: "Pages" as const, label: `${e.label}: ${v.label}`, to: v.to })),
    ]),
    ...(nav.studio ?? []).map((l) => ({
      id: `page:${l.to}`,
      group: "Pages" as const,
      label: l.label,
      hint: "Studio",
      to: l.to,
    })),
  ];
  const actions: PaletteItem[] =
    role && roleAtLeast(role, "agent")
      ? nav.crm.map((e) => {
          const noun = entitySingular(snapshot, e.entity).toLowerCase();
          return { id: `new:${e.entity}`, group: "Actions" as const, label: `New ${noun}`, to: `/crm/${e.entity}/new` };
        })
      : [];
  return [...actions, ...pages];
}

/** Every word of the query starts a word of the label (as the server's search does). */
export function matches(label: string, query: string): boolean {
  const words = label
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const text = label.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)) || text.includes(q));
}
