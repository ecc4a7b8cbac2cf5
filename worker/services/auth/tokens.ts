import { SignJWT, jwtVerify, errors } from "jose";
import { isRole, type Role } from "../../shared/roles";

// Pinned: a token in any other algorithm (including "none") is refused.
const ALGORITHM = "HS256";
export const TOKEN_TTL_SECONDS = 12 * 60 * 60;

export type TokenClaims = { userId: string; tenantId: string; role: Role; sessionId: string };

type TokenEnv = Pick<Env, "JWT_SECRET" | "JWT_ISSUER" | "JWT_AUDIENCE">;

// Imported once per isolate and secret: importing an HMAC key on every request is measurable
// on the hot read paths.
const keys = new Map<string, Promise<CryptoKey>>();
function secretKey(env: TokenEnv): Promise<CryptoKey> {
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) {
    throw new Error("JWT_SECRET is missing or shorter than 32 characters");
  }
  let key = keys.get(env.JWT_SECRET);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(env.JWT_SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(env.JWT_SECRET, key);
  }
  return key;
}

export async function signToken(env: TokenEnv, claims: TokenClaims, now = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ tid: claims.tenantId, role: claims.role })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.userId)
    .setJti(claims.sessionId)
    .setIssuer(env.JWT_ISSUER)
    .setAudience(env.JWT_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_TTL_SECONDS)
    .sign(await secretKey(env));
}

// Clocks drift a little between the machine that signed and the one that verifies; a token
// issued (or valid from) further in the future than this is not one we issued.
export const CLOCK_SKEW_SECONDS = 60;

// A token is verified once per isolate: its claims are kept, by the token string, until it
// expires (what jose would say on a later request is the same: the signature cannot change and
// the time checks are re-done here). Sessions and memberships are still checked per request
// (sessions.ts). Bounded; the oldest entry goes first.
const VERIFIED_MAX = 10_000;
type Verified = { claims: TokenClaims; secret: string; iss: string; aud: string; iat: number; exp: number };
const verified = new Map<string, Verified>();

/** The token's claims, or null when it is malformed, expired, from the future, or not ours. */
export async function verifyToken(env: TokenEnv, token: string, now = Date.now()): Promise<TokenClaims | null> {
  const hit = verified.get(token);
  if (hit && hit.secret === env.JWT_SECRET && hit.iss === env.JWT_ISSUER && hit.aud === env.JWT_AUDIENCE) {
    const seconds = Math.floor(now / 1000);
    // jose: expired when exp <= now; ours: issued too far in the future.
    if (hit.exp <= seconds || hit.iat > now / 1000 + CLOCK_SKEW_SECONDS) return null;
    return hit.claims;
  }
  const result = await verifyFully(env, token, now);
  if (result?.exp) {
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, {
      claims: result.claims,
      secret: env.JWT_SECRET,
      iss: env.JWT_ISSUER,
      aud: env.JWT_AUDIENCE,
      iat: result.iat,
      exp: result.exp,
    });
  }
  return result?.claims ?? null;
}

async function verifyFully(
  env: TokenEnv,
  token: string,
  now: number,
): Promise<{ claims: TokenClaims; iat: number; exp: number | null } | null> {
  try {
    const { payload } = await jwtVerify(token, await secretKey(env), {
      algorithms: [ALGORITHM],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      requiredClaims: ["sub", "jti", "exp", "iat"],
      currentDate: new Date(now),
    });
    const { sub, jti, tid, role, iat, exp, nbf } = payload;
    // jose refuses a future nbf itself (we never set one); it does not look at iat.
    if (typeof iat !== "number" || iat > now / 1000 + CLOCK_SKEW_SECONDS) return null;
    if (!sub || !jti || typeof tid !== "string" || !isRole(role)) return null;
    // A token with a not-before (we never set one) is verified every time rather than cached.
    const cacheable = typeof exp === "number" && nbf === undefined;
    return { claims: { userId: sub, tenantId: tid, role, sessionId: jti }, iat, exp: cacheable ? exp : null };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
