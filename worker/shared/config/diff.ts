import { canonicalJson } from "./hash";
import { NAMESPACES } from "./namespaces";
import { listItems, type ItemRef, type Snapshot, type SnapshotItem } from "./snapshot";

export type ItemChange = ItemRef & {
  change: "added" | "removed" | "modified";
  before?: unknown;
  after?: unknown;
};

export type SnapshotDelta = {
  set: SnapshotItem[];
  removed: ItemRef[];
};

const itemId = (i: ItemRef) => `${i.namespace}/${i.entity}/${i.key}`;

// Same order as listItems: namespace in NAMESPACES order, then entity, then key.
function compareRefs(a: ItemRef, b: ItemRef): number {
  const ns = NAMESPACES.indexOf(a.namespace) - NAMESPACES.indexOf(b.namespace);
  if (ns !== 0) return ns;
  if (a.entity !== b.entity) return a.entity < b.entity ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** What changed from one snapshot to another. Content is compared as canonical JSON. */
export function diffSnapshots(from: Snapshot, to: Snapshot): ItemChange[] {
  const before = new Map(listItems(from).map((i) => [itemId(i), i]));
  const after = new Map(listItems(to).map((i) => [itemId(i), i]));
  const changes: ItemChange[] = [];
  for (const [id, old] of before) {
    const next = after.get(id);
    const ref = { namespace: old.namespace, entity: old.entity, key: old.key };
    if (!next) changes.push({ ...ref, change: "removed", before: old.config });
    else if (canonicalJson(old.config) !== canonicalJson(next.config)) {
      changes.push({ ...ref, change: "modified", before: old.config, after: next.config });
    }
  }
  for (const [id, next] of after) {
    if (!before.has(id))
      changes.push({
        namespace: next.namespace,
        entity: next.entity,
        key: next.key,
        change: "added",
        after: next.config,
      });
  }
  return changes.sort(compareRefs);
}

/** The items to set and remove to turn `from` into `to` (the runtime API's `delta`). */
export function deltaBetween(from: Snapshot, to: Snapshot): SnapshotDelta {
  const delta: SnapshotDelta = { set: [], removed: [] };
  for (const c of diffSnapshots(from, to)) {
    const ref = { namespace: c.namespace, entity: c.entity, key: c.key };
    if (c.change === "removed") delta.removed.push(ref);
    else delta.set.push({ ...ref, config: c.after });
  }
  return delta;
}
