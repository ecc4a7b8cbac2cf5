import { NAMESPACES, type Namespace } from "./namespaces";
import type { ConfigOf } from "./schemas";

// namespace → entity → key → config. Published snapshots are immutable values: the helpers
// below never mutate their input, so a snapshot cached per version can be shared safely.
export type Snapshot = Partial<Record<Namespace, Record<string, Record<string, unknown>>>>;

export type ItemRef = { namespace: Namespace; entity: string; key: string };
export type SnapshotItem = ItemRef & { config: unknown };

const own = <T>(obj: Record<string, T> | undefined, key: string): T | undefined =>
  obj && Object.hasOwn(obj, key) ? obj[key] : undefined;

/** The raw config at namespace/entity/key, or undefined. */
export function getRawItem(snapshot: Snapshot, ns: Namespace, entity: string, key: string): unknown {
  return own(own(snapshot[ns], entity), key);
}

/**
 * The config at namespace/entity/key. Typed by namespace because a published snapshot passed
 * validateSnapshot; for unvalidated drafts use getRawItem.
 */
export function getItem<N extends Namespace>(
  snapshot: Snapshot,
  ns: N,
  entity: string,
  key: string,
): ConfigOf<N> | undefined {
  return getRawItem(snapshot, ns, entity, key) as ConfigOf<N> | undefined;
}

/** Items of one namespace and entity, keyed by item key (empty when none). */
export function itemsOf<N extends Namespace>(snapshot: Snapshot, ns: N, entity: string): Record<string, ConfigOf<N>> {
  return (own(snapshot[ns], entity) ?? {}) as Record<string, ConfigOf<N>>;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every item, ordered by namespace (in NAMESPACES order), then entity, then key. */
export function listItems(snapshot: Snapshot): SnapshotItem[] {
  const items: SnapshotItem[] = [];
  for (const namespace of NAMESPACES) {
    const entities = snapshot[namespace] ?? {};
    for (const entity of Object.keys(entities).sort(byName)) {
      const keys = entities[entity] ?? {};
      for (const key of Object.keys(keys).sort(byName)) items.push({ namespace, entity, key, config: keys[key] });
    }
  }
  return items;
}

/** A new snapshot with the item set; the input is left untouched. */
export function setItem(snapshot: Snapshot, ns: Namespace, entity: string, key: string, config: unknown): Snapshot {
  const entities = snapshot[ns] ?? {};
  return { ...snapshot, [ns]: { ...entities, [entity]: { ...own(entities, entity), [key]: config } } };
}

/** A new snapshot without the item; empty entity and namespace maps are dropped. */
export function removeItem(snapshot: Snapshot, ns: Namespace, entity: string, key: string): Snapshot {
  const keys = own(snapshot[ns], entity);
  if (!keys || !Object.hasOwn(keys, key)) return snapshot;
  const { [key]: _removed, ...restKeys } = keys;
  const { [entity]: _entity, ...restEntities } = snapshot[ns] ?? {};
  const entities = Object.keys(restKeys).length > 0 ? { ...restEntities, [entity]: restKeys } : restEntities;
  const { [ns]: _ns, ...rest } = snapshot;
  return Object.keys(entities).length > 0 ? { ...rest, [ns]: entities } : rest;
}

/** Entities that exist: those with form/<entity>/default, sorted. */
export function entitiesOf(snapshot: Snapshot): string[] {
  return Object.keys(snapshot.form ?? {})
    .filter((entity) => getRawItem(snapshot, "form", entity, "default") !== undefined)
    .sort(byName);
}
