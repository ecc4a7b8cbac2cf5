// `x-pulse-signature: sha256=<hex HMAC-SHA256 of the raw body>` with the trigger's secret.
export async function verifySignature(secret: string, body: string, header: string | undefined): Promise<boolean> {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!match) return false;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const given = Uint8Array.from(match[1]!.match(/../g)!, (h) => parseInt(h, 16));
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", key, given, new TextEncoder().encode(body));
}
