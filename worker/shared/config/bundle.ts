import { canonicalJson } from "./hash";
import type { ConfigError } from "./issues";
import { isNamespace, NAMESPACES } from "./namespaces";
import { REDACTED, redactSnapshot } from "./redact";
import { getRawItem, listItems, removeItem, setItem, type ItemRef, type Snapshot } from "./snapshot";
import { validateSnapshot } from "./validate";

// A bundle is a tenant's configuration as portable data: no tenant ids, no authorship, no
// secret values. Items come in listItems order and every object's keys are sorted, so the
// same configuration always exports to the same text (and diffs cleanly in git).

export const BUNDLE_FORMAT = "pulse8.bundle/1";

export type BundleItem = { namespace: string; entity: string; key: string; config: unknown };
export type Bundle = { format: typeof BUNDLE_FORMAT; version: number; items: BundleItem[] };
export type BundleInput = { items: BundleItem[]; remove?: { namespace: string; entity: string; key: string }[] };

const sorted = (value: unknown): unknown => JSON.parse(canonicalJson(value));
const label = (i: { namespace: string; entity: string; key: string }) => `${i.namespace}/${i.entity}/${i.key}`;

/** The bundle of a published snapshot; secrets are exported as the redacted placeholder. */
export function bundleOf(snapshot: Snapshot, version: number): Bundle {
  const items = listItems(redactSnapshot(snapshot)).map(({ namespace, entity, key, config }) => ({
    namespace,
    entity,
    key,
    config: sorted(config),
  }));
  return { format: BUNDLE_FORMAT, version, items };
}

/**
 * A redacted placeholder stands for "keep the secret this tenant already has at that place":
 * an exported bundle pushed back (or edited and pushed) must not overwrite secrets with "***".
 */
export function restoreRedacted(incoming: unknown, existing: unknown): unknown {
  if (incoming === REDACTED)
    return existing !== undefined && existing !== null && typeof existing !== "object" ? existing : incoming;
  if (Array.isArray(incoming))
    return incoming.map((item, i) => restoreRedacted(item, Array.isArray(existing) ? existing[i] : undefined));
  if (incoming === null || typeof incoming !== "object") return incoming;
  const source =
    existing !== null && typeof existing === "object" && !Array.isArray(existing)
      ? (existing as Record<string, unknown>)
      : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(incoming)) {
    Object.defineProperty(out, key, {
      value: restoreRedacted(value, Object.hasOwn(source, key) ? source[key] : undefined),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Paths (relative to the config) where a redacted placeholder is left: a secret nobody can restore. */
function redactedPaths(value: unknown, path = ""): string[] {
  if (value === REDACTED) return [path];
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
  return entries.flatMap(([step, v]) => redactedPaths(v, `${path}${step}`));
}

const at = (prefix: string, path: string) =>
  path ? (path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`) : prefix;

function identityErrors(input: BundleInput): ConfigError[] {
  const errors: ConfigError[] = [];
  const seen = new Map<string, string>();
  const check = (ref: { namespace: string }, path: string) => {
    if (!isNamespace(ref.namespace))
      errors.push({ path: `${path}.namespace`, message: `unknown namespace (one of ${NAMESPACES.join(", ")})` });
  };
  input.items.forEach((item, i) => {
    check(item, `items[${i}]`);
    const before = seen.get(label(item));
    if (before) errors.push({ path: `items[${i}]`, message: `${label(item)} is already ${before}` });
    else seen.set(label(item), `items[${i}]`);
  });
  (input.remove ?? []).forEach((ref, i) => {
    check(ref, `remove[${i}]`);
    const before = seen.get(label(ref));
    if (before) errors.push({ path: `remove[${i}]`, message: `${label(ref)} is already ${before}` });
    else seen.set(label(ref), `remove[${i}]`);
  });
  return errors;
}

export type AppliedBundle = { next: Snapshot; errors: ConfigError[] };

/**
 * `current` with the bundle's items set and its removals applied, and every error with a path
 * into the bundle (`items[3].config.fields[0].type`); an error the bundle causes in an item it
 * does not carry keeps the snapshot path (`view/deals/all:columns[2].field`).
 */
export function applyBundle(current: Snapshot, input: BundleInput): AppliedBundle {
  const identity = identityErrors(input);
  if (identity.length > 0) return { next: current, errors: identity };
  let next = current;
  const errors: ConfigError[] = [];
  const indexOf = new Map<string, number>();
  input.items.forEach((item, i) => {
    const ns = item.namespace as ItemRef["namespace"];
    const config = restoreRedacted(item.config, getRawItem(current, ns, item.entity, item.key));
    for (const path of redactedPaths(config))
      errors.push({
        path: at(`items[${i}].config`, path),
        message: "a redacted secret cannot be imported: set its value here",
      });
    next = setItem(next, ns, item.entity, item.key, config);
    indexOf.set(label(item), i);
  });
  (input.remove ?? []).forEach((ref, i) => {
    const ns = ref.namespace as ItemRef["namespace"];
    if (getRawItem(current, ns, ref.entity, ref.key) === undefined)
      errors.push({ path: `remove[${i}]`, message: `${label(ref)} is not in the current configuration` });
    next = removeItem(next, ns, ref.entity, ref.key);
  });
  for (const error of validateSnapshot(next)) {
    const [id, ...rest] = error.path.split(":");
    const index = id === undefined ? undefined : indexOf.get(id);
    const inner = rest.join(":");
    const path = index === undefined ? error.path : inner ? at(`items[${index}].config`, inner) : `items[${index}]`;
    errors.push({ path, message: error.message });
  }
  return { next, errors };
}
