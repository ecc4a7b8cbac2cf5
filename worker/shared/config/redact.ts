import type { Namespace } from "./namespaces";
import { isSecretRef } from "./secret-ref";
import type { Snapshot } from "./snapshot";

export const REDACTED = "***";

// Redaction is by kind: every webhook header value and every signing secret (action or
// trigger) is a credential whatever it is called. Secrets should be `{ "$secret": NAME }`
// references (which carry no value and stay visible); a literal left in an old snapshot is "***".
// Bodies are free-form, so properties there named like credentials are redacted too.
const SECRET_NAME_RE = /(secret|token|password|authorization|api[-_]?key)$/i;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const literalHidden = (value: unknown) =>
  value === undefined || value === null || isSecretRef(value) ? value : REDACTED;

function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const redacted =
      SECRET_NAME_RE.test(key) && item !== undefined && item !== null && !isSecretRef(item)
        ? REDACTED
        : redactDeep(item);
    Object.defineProperty(out, key, { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** One item's config as anyone but the executor may see it (a copy; the input is untouched). */
export function redactItem(namespace: Namespace | string, config: unknown): unknown {
  if (!isObject(config)) return config;
  if (namespace === "trigger") return "secret" in config ? { ...config, secret: literalHidden(config.secret) } : config;
  if (namespace !== "action") return config;
  const out = redactDeep(config) as Record<string, unknown>;
  if ("secret" in config) out.secret = literalHidden(config.secret);
  if (isObject(config.headers))
    out.headers = Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, literalHidden(v)]));
  return out;
}

/** A deep copy of a snapshot with every trigger and action redacted. */
export function redactSnapshot(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot);
  for (const ns of ["trigger", "action"] as const) {
    for (const items of Object.values(copy[ns] ?? {})) {
      for (const key of Object.keys(items)) items[key] = redactItem(ns, items[key]);
    }
  }
  return copy;
}
