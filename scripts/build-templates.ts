// `npx tsx scripts/build-templates.ts`: writes the sign-up templates in
// worker/shared/config/templates/ as config bundles (pulse8.bundle/1). They start from the starter
// config and the demo automations and are then kept as data: edit the JSON (or re-run this after
// changing the starter) and test/worker/shared/config/templates.test.ts checks they stay valid.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleOf } from "../worker/shared/config/bundle";
import type { DashboardConfig } from "../worker/shared/config/dashboard";
import { listItems, removeItem, setItem, type Snapshot } from "../worker/shared/config/snapshot";
import { demoSnapshot, starterSnapshot } from "../worker/shared/config/starter";
import { validateSnapshot } from "../worker/shared/config/validate";

const DIR = fileURLToPath(new URL("../worker/shared/config/templates/", import.meta.url));

/** The snapshot without every item of `entities`, and the dashboard without their widgets. */
function without(snapshot: Snapshot, entities: string[], title: string): Snapshot {
  let next = snapshot;
  for (const item of listItems(snapshot))
    if (entities.includes(item.entity)) next = removeItem(next, item.namespace, item.entity, item.key);
  const dashboard = structuredClone(snapshot.dashboard!.tenant!.default) as DashboardConfig;
  dashboard.title = title;
  dashboard.widgets = dashboard.widgets.filter((w) => !("entity" in w) || !entities.includes(String(w.entity)));
  return setItem(next, "dashboard", "tenant", "default", dashboard);
}

const starter = starterSnapshot();
const templates: Record<string, Snapshot> = {
  complete: demoSnapshot(),
  sales: without(demoSnapshot(), ["cases"], "Sales overview"),
  support: without(demoSnapshot(), ["deals"], "Support overview"),
  blank: { theme: starter.theme, calendar: starter.calendar },
};

for (const [name, snapshot] of Object.entries(templates)) {
  const errors = validateSnapshot(snapshot);
  if (errors.length > 0) throw new Error(`template ${name}: ${JSON.stringify(errors)}`);
  const { items } = bundleOf(snapshot, 0);
  writeFileSync(`${DIR}${name}.json`, `${JSON.stringify({ format: "pulse8.bundle/1", items }, null, 2)}\n`);
  console.log(`${name}: ${items.length} items`);
}
