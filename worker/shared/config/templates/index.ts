import { applyBundle, type BundleItem } from "../bundle";
import type { Snapshot } from "../snapshot";
import { starterSnapshot } from "../starter";
import blank from "./blank.json";
import complete from "./complete.json";
import sales from "./sales.json";
import support from "./support.json";

// The configurations a new tenant can start from. "standard" is the starter config (what
// registering without a template gives); the others are config bundles kept in this folder
// (written by scripts/build-templates.ts, then maintained as data).
export const TEMPLATES = [
  {
    name: "standard",
    title: "Sales and support",
    description: "Customers, deals with a pipeline, cases with SLAs and routing",
  },
  { name: "sales", title: "Sales", description: "Customers and deals with a pipeline, a won-deal kick-off automation" },
  {
    name: "support",
    title: "Support",
    description: "Customers and cases with SLAs, round-robin routing and urgent-case alerts",
  },
  {
    name: "complete",
    title: "Sales and support with automations",
    description: "The standard config plus example automations (the demo tenant)",
  },
  { name: "blank", title: "Blank", description: "No entities yet: build your own in the Studio" },
] as const;

export type TemplateName = (typeof TEMPLATES)[number]["name"];
export const TEMPLATE_NAMES = TEMPLATES.map((t) => t.name) as [TemplateName, ...TemplateName[]];

const BUNDLES: Record<Exclude<TemplateName, "standard">, { items: BundleItem[] }> = { sales, support, complete, blank };

/** A fresh snapshot of the template (callers may keep or change it). */
export function templateSnapshot(name: TemplateName = "standard"): Snapshot {
  if (name === "standard") return starterSnapshot();
  return structuredClone(applyBundle({}, BUNDLES[name]).next);
}
