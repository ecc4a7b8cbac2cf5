/**
 * A tenant's inbox ingest key, derived from a Worker secret (INGEST_SECRET, else JWT_SECRET), so
 * nothing secret is stored per tenant; rotating the secret rotates every tenant's key.
 */
export async function ingestKey(env: Pick<Env, "JWT_SECRET" | "INGEST_SECRET">, tenantId: string): Promise<string> {
  const secret = env.INGEST_SECRET || env.JWT_SECRET;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`pulse-8 inbox ingest ${tenantId}`)),
  );
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
