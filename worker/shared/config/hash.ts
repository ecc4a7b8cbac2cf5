// JSON with object keys sorted at every depth, so equal content always has equal text (and hash)
// whatever order the keys were written in. Array order is kept: it is meaningful.
// Like JSON.stringify, undefined properties are dropped and undefined array items become null.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) Object.defineProperty(sorted, key, { value: sortKeys(item), enumerable: true });
  }
  return sorted;
}

/** Hex SHA-256 of the canonical JSON of `value`: the snapshot's ETag and version hash. */
export async function contentHash(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
