// Webhook trigger signatures, with the trigger's secret:
//   v2: `x-pulse-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, within 5 minutes;
//   v1: `x-pulse-signature: sha256=<hex HMAC-SHA256 of the raw body>` (no timestamp; replays of one
//       delivery are still started once, see deliveryKey).
export const SIGNATURE_TOLERANCE_S = 300;

export type Verdict = { ok: true; signature: string } | { ok: false; reason: string };

const enc = new TextEncoder();
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));

async function hmacVerify(secret: string, message: string, hex: string): Promise<boolean> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", key, fromHex(hex), enc.encode(message));
}

/** `sha256=<hex HMAC of the body>` only (the inbox gateway's form). */
export async function verifySignature(secret: string, body: string, header: string | undefined): Promise<boolean> {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  return match ? hmacVerify(secret, body, match[1]!) : false;
}

/** A webhook trigger delivery in either form; the verified signature keys its deduplication. */
export async function verifyDeliverySignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowMs = Date.now(),
): Promise<Verdict> {
  const value = header?.trim() ?? "";
  const legacy = /^sha256=([0-9a-f]{64})$/i.exec(value);
  if (legacy)
    return (await hmacVerify(secret, body, legacy[1]!))
      ? { ok: true, signature: legacy[1]!.toLowerCase() }
      : { ok: false, reason: "The signature does not match" };
  const parts = Object.fromEntries(value.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = parts.t;
  const v1 = parts.v1;
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/i.test(v1))
    return { ok: false, reason: "x-pulse-signature must be t=<unix seconds>,v1=<hex> or sha256=<hex>" };
  if (Math.abs(nowMs / 1000 - Number(t)) > SIGNATURE_TOLERANCE_S)
    return { ok: false, reason: "The signature's timestamp is more than 5 minutes away" };
  return (await hmacVerify(secret, `${t}.${body}`, v1))
    ? { ok: true, signature: v1.toLowerCase() }
    : { ok: false, reason: "The signature does not match" };
}

/**
 * One delivery, one set of runs: the key is derived from the verified signature and the body, so
 * a captured request replayed (or a sender's retry) starts nothing new, whatever unsigned
 * headers it carries.
 */
export async function deliveryKey(signature: string, body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(`${signature}\n${body}`)));
  return `sig_${Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
