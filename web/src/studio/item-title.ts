// A config item named for people: "Form: Customer", "View: All customers", "Automation: Kickoff
// activity" — its own title (or name) when it has one, else its key; the raw key is shown beside it, small.
import type { Snapshot } from "../api/types";
import type { ItemId } from "../api/studio";
import { titleCase } from "../config/labels";
import { entityTitle } from "../config/navigation";
import { NAMESPACE_LABELS } from "./builders/registry";

export function itemTitle(id: ItemId, config: unknown, snapshot: Snapshot | null): string {
  const own =
    typeof config === "object" && config !== null
      ? [
          (config as { title?: unknown }).title,
          (config as { name?: unknown }).name,
          (config as { label?: unknown }).label,
        ].find((v) => typeof v === "string" && v.trim())
      : undefined;
  const name =
    (own as string | undefined)?.trim() ??
    (id.key === "default"
      ? entityTitle(snapshot, id.entity)
      : `${entityTitle(snapshot, id.entity)}: ${titleCase(id.key)}`);
  return `${NAMESPACE_LABELS[id.namespace]}: ${name}`;
}
