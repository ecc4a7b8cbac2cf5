import type { Snapshot } from "./snapshot";

export const REDACTED = "***";

// Action properties that hold credentials, at any depth (headers, bodies …). Matched on the
// whole name or its ending, case-insensitively: "token", "apiToken", "x-auth-token", "Authorization".
const SECRET_NAME_RE = /(secret|token|password|authorization)$/i;

function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const redacted = SECRET_NAME_RE.test(key) && item !== undefined && item !== null ? REDACTED : redactDeep(item);
    Object.defineProperty(out, key, { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A deep copy safe to serve to members: webhook trigger secrets and any action property named
 * like a secret become "***". Only the admin config API returns the real values.
 */
export function redactSnapshot(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot);
  for (const items of Object.values(copy.trigger ?? {})) {
    for (const trigger of Object.values(items)) {
      if (isObject(trigger) && "secret" in trigger) trigger.secret = REDACTED;
    }
  }
  for (const items of Object.values(copy.action ?? {})) {
    for (const key of Object.keys(items)) items[key] = redactDeep(items[key]);
  }
  return copy;
}
