// Secrets at rest: AES-256-GCM, one key per tenant derived by HKDF from the Worker secret
// (SECRETS_KEY, or JWT_SECRET when that is not set), the tenant and the secret's name bound as
// additional data so a ciphertext copied to another tenant or name does not decrypt.

const enc = new TextEncoder();
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

type KeyEnv = { SECRETS_KEY?: string; JWT_SECRET: string };

async function tenantKey(env: KeyEnv, tenantId: string): Promise<CryptoKey> {
  const root = await crypto.subtle.importKey("raw", enc.encode(env.SECRETS_KEY || env.JWT_SECRET), "HKDF", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: enc.encode(tenantId), info: enc.encode("pulse-8 tenant secrets v1") },
    root,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** `v1.<iv>.<ciphertext>`, both base64. */
export async function sealSecret(env: KeyEnv, tenantId: string, name: string, value: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: enc.encode(`${tenantId}/${name}`) },
    await tenantKey(env, tenantId),
    enc.encode(value),
  );
  return `v1.${b64(iv)}.${b64(new Uint8Array(data))}`;
}

export async function openSecret(env: KeyEnv, tenantId: string, name: string, sealed: string): Promise<string> {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error(`secret ${name} is stored in an unknown format`);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: unb64(iv), additionalData: enc.encode(`${tenantId}/${name}`) },
    await tenantKey(env, tenantId),
    unb64(data),
  );
  return new TextDecoder().decode(plain);
}
