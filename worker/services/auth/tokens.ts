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

/** The token's claims, or null when it is malformed, expired, from the future, or not ours. */
export async function verifyToken(env: TokenEnv, token: string, now = Date.now()): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, await secretKey(env), {
      algorithms: [ALGORITHM],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      requiredClaims: ["sub", "jti", "exp", "iat"],
      currentDate: new Date(now),
    });
    const { sub, jti, tid, role, iat } = payload;
    // jose refuses a future nbf itself (we never set one); it does not look at iat.
    if (typeof iat !== "number" || iat > now / 1000 + CLOCK_SKEW_SECONDS) return null;
    if (!sub || !jti || typeof tid !== "string" || !isRole(role)) return null;
    return { userId: sub, tenantId: tid, role, sessionId: jti };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
