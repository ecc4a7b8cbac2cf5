/** Opaque, sortable-enough, URL-safe ids: a prefix, base36 time, 10 random base36 chars. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let rand = "";
  for (const b of bytes) rand += (b % 36).toString(36);
  return `${prefix}_${Date.now().toString(36)}${rand}`;
}

export const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
