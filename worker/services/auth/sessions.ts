import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, sessions } from "../../db/schema";
import type { Principal } from "../../lib/app-env";
import type { TokenClaims } from "./tokens";
import { countTrip } from "../../lib/trips";

// A verified token still needs a live session and membership: that is how sign-out, member
// removal and role changes take effect before the token expires. The answer is cached in the
// isolate for a few seconds so the hot read paths don't touch D1 on every request.
const CACHE_MS = 15_000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { principal: Principal | null; at: number }>();

export async function resolvePrincipal(
  db: Db,
  claims: TokenClaims,
  now = Date.now(),
  env?: object,
): Promise<Principal | null> {
  const hit = cache.get(claims.sessionId);
  if (hit && now - hit.at < CACHE_MS) {
    countTrip(env, "cache");
    return hit.principal;
  }

  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      role: memberships.role,
      active: memberships.active,
    })
    .from(sessions)
    .innerJoin(memberships, and(eq(memberships.tenantId, sessions.tenantId), eq(memberships.userId, sessions.userId)))
    .where(
      and(
        eq(sessions.id, claims.sessionId),
        eq(sessions.tenantId, claims.tenantId),
        eq(sessions.userId, claims.userId),
      ),
    )
    .limit(1);

  const live = row && row.revokedAt === null && row.expiresAt > now && row.active;
  const principal = live ? { ...claims, role: row.role } : null;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(claims.sessionId, { principal, at: now });
  return principal;
}

/** Drop cached answers, e.g. after a membership change in this isolate. */
export function forgetCachedSessions(): void {
  cache.clear();
}

export function sessionInsert(id: string, tenantId: string, userId: string, now: number, ttlSeconds: number) {
  return { id, tenantId, userId, createdAt: now, expiresAt: now + ttlSeconds * 1000 };
}

export async function revokeSession(db: Db, sessionId: string, now = Date.now()) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  cache.delete(sessionId);
}

export function revokeUserSessions(db: Db, tenantId: string, userId: string, now = Date.now()) {
  cache.clear();
  return db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
