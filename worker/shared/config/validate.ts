import { CONFIG_NAME_RE, RESERVED_ENTITIES } from "./common";
import { issuesToErrors, formatPath, type ConfigError } from "./issues";
import { NAMESPACES, TENANT_ENTITY, isNamespace, isTenantNamespace, type Namespace } from "./namespaces";
import { referenceIssues } from "./references";
import { configSchemas, type ConfigOf } from "./schemas";
import { getRawItem, listItems, setItem, type Snapshot } from "./snapshot";

export type { ConfigError } from "./issues";

// Error paths
// - validateItem: relative to the item's config, e.g. `fields[2].type`; "" is the item itself.
// - validateSnapshot: `<namespace>/<entity>/<key>:<path inside the config>`, e.g.
//   `form/customers/default:fields[2].type`; just `<namespace>/<entity>/<key>` for the item itself,
//   and `<namespace>` or `<namespace>/<entity>` when the snapshot's own structure is wrong.

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function identityErrors(ns: Namespace, entity: string, key: string): ConfigError[] {
  const errors: ConfigError[] = [];
  const say = (message: string) => errors.push({ path: "", message });
  if (!CONFIG_NAME_RE.test(entity)) say(`entity "${entity}" must match ^[a-z][a-z0-9_]{0,39}$`);
  if (!CONFIG_NAME_RE.test(key)) say(`key "${key}" must match ^[a-z][a-z0-9_]{0,39}$`);
  if (isTenantNamespace(ns) && entity !== TENANT_ENTITY) say(`${ns} items belong to the entity "${TENANT_ENTITY}"`);
  if (!isTenantNamespace(ns) && RESERVED_ENTITIES.includes(entity))
    say(`"${entity}" is reserved and cannot be an entity`);
  return errors;
}

// Everything but tenant-wide items needs its entity to exist (form/<entity>/default).
function entityErrors(ns: Namespace, entity: string, key: string, snapshot: Snapshot): ConfigError[] {
  if (isTenantNamespace(ns) || (ns === "form" && key === "default")) return [];
  if (getRawItem(snapshot, "form", entity, "default") !== undefined) return [];
  return [{ path: "", message: `entity "${entity}" has no default form (form/${entity}/default)` }];
}

// `snapshot` already holds the item.
function checkItem(ns: Namespace, entity: string, key: string, config: unknown, snapshot: Snapshot): ConfigError[] {
  const identity = identityErrors(ns, entity, key);
  const parsed = configSchemas[ns].safeParse(config);
  if (!parsed.success) return [...identity, ...issuesToErrors(parsed.error.issues)];
  const refs = referenceIssues(ns, entity, key, parsed.data as ConfigOf<typeof ns>, snapshot);
  return [
    ...identity,
    ...entityErrors(ns, entity, key, snapshot),
    ...refs.map((r) => ({ path: formatPath(r.path), message: r.message })),
  ];
}

/**
 * Structure and references of one item, as part of `snapshot` (the rest of the configuration;
 * the item is placed into it first). Paths are relative to the item's config.
 */
export function validateItem(
  ns: Namespace,
  entity: string,
  key: string,
  config: unknown,
  snapshot: Snapshot,
): ConfigError[] {
  return checkItem(ns, entity, key, config, setItem(snapshot, ns, entity, key, config));
}

function shapeErrors(snapshot: unknown): ConfigError[] {
  if (!isObject(snapshot)) return [{ path: "", message: "a snapshot must be an object" }];
  const errors: ConfigError[] = [];
  for (const [ns, entities] of Object.entries(snapshot)) {
    if (!isNamespace(ns)) errors.push({ path: ns, message: `unknown namespace (one of ${NAMESPACES.join(", ")})` });
    else if (!isObject(entities)) errors.push({ path: ns, message: "must map entities to items" });
    else {
      for (const [entity, items] of Object.entries(entities)) {
        if (!isObject(items)) errors.push({ path: `${ns}/${entity}`, message: "must map keys to configs" });
      }
    }
  }
  return errors;
}

/** Every error of a whole snapshot: the structure of each item and all cross-references. */
export function validateSnapshot(snapshot: unknown): ConfigError[] {
  const shape = shapeErrors(snapshot);
  if (shape.length > 0) return shape;
  const whole = snapshot as Snapshot;
  return listItems(whole).flatMap(({ namespace, entity, key, config }) => {
    const id = `${namespace}/${entity}/${key}`;
    return checkItem(namespace, entity, key, config, whole).map((e) => ({
      path: e.path ? `${id}:${e.path}` : id,
      message: e.message,
    }));
  });
}

/** Splits a snapshot error path into the item and the path inside it. */
export function splitErrorPath(path: string): { item: string; path: string } {
  const at = path.indexOf(":");
  return at < 0 ? { item: path, path: "" } : { item: path.slice(0, at), path: path.slice(at + 1) };
}
