import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKeys, memberships } from "../../db/schema";
import type { Principal } from "../../lib/app-env";
import { notFound, validationFailed } from "../../lib/errors";
import { iso, newId } from "../../lib/ids";
import { roleAtLeast, type Role } from "../../shared/roles";

// A recognisable prefix lets secret scanners spot a leaked key and lets the auth middleware
// tell a key from a JWT without trying to verify it.
export const API_KEY_PREFIX = "p8_";
export const KEY_SCOPES = ["read", "write", "admin"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

// lastUsedAt is written at most this often per key: a key used by a busy script would
// otherwise turn every read into a D1 write.
const LAST_USED_GRANULARITY_MS = 60_000;

const scopeCeiling: Record<KeyScope, Role | null> = { read: "read_only", write: "agent", admin: null };

/** The lower of the scope's ceiling and the member's current role. */
export function effectiveRole(scope: KeyScope, role: Role): Role {
  const ceiling = scopeCeiling[scope];
  return ceiling && roleAtLeast(role, ceiling) ? ceiling : role;
}

export const isApiKey = (token: string) => token.startsWith(API_KEY_PREFIX);

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function randomKey(): string {
  // 32 random bytes (256 bits): a plain SHA-256 is a sound hash for a secret this strong.
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  return API_KEY_PREFIX + b64;
}

type KeyRow = typeof apiKeys.$inferSelect;

export const presentKey = (k: KeyRow) => ({
  id: k.id,
  name: k.name,
  scope: k.scope,
  prefix: k.prefix,
  createdAt: iso(k.createdAt)!,
  lastUsedAt: iso(k.lastUsedAt),
  expiresAt: iso(k.expiresAt),
});

type NewKey = { tenantId: string; userId: string; name: string; scope: KeyScope; expiresAt?: number };

/** Creates a key; the returned `token` is the only copy of it anywhere. */
export async function createApiKey(db: Db, input: NewKey, now = Date.now()) {
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    throw validationFailed([{ path: "expiresAt", message: "Must be in the future" }]);
  }
  const token = randomKey();
  const row: KeyRow = {
    id: newId("key"),
    tenantId: input.tenantId,
    userId: input.userId,
    name: input.name,
    scope: input.scope,
    hash: await sha256Hex(token),
    prefix: token.slice(0, API_KEY_PREFIX.length + 6),
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
  };
  await db.insert(apiKeys).values(row);
  return { ...presentKey(row), token };
}

/** The caller's live keys (revoked ones are gone from the list), newest first. */
export async function listApiKeys(db: Db, tenantId: string, userId: string) {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt))
    .limit(200);
  return rows.map(presentKey);
}

/** Revokes one of the caller's keys; it is refused from the next request on. */
export async function revokeApiKey(db: Db, tenantId: string, userId: string, id: string, now = Date.now()) {
  const done = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(
      and(eq(apiKeys.id, id), eq(apiKeys.tenantId, tenantId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)),
    )
    .returning({ id: apiKeys.id });
  if (done.length === 0) throw notFound("No such key");
}

type Resolve = { now?: number; waitUntil?: (p: Promise<unknown>) => void };

/**
 * The principal a key acts as, or null. Deliberately not cached: one indexed lookup per
 * request is what makes revocation and member removal take effect on the very next request.
 */
export async function resolveKeyPrincipal(db: Db, token: string, opts: Resolve = {}): Promise<Principal | null> {
  const now = opts.now ?? Date.now();
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      tenantId: apiKeys.tenantId,
      userId: apiKeys.userId,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      role: memberships.role,
      active: memberships.active,
    })
    .from(apiKeys)
    .innerJoin(memberships, and(eq(memberships.tenantId, apiKeys.tenantId), eq(memberships.userId, apiKeys.userId)))
    .where(eq(apiKeys.hash, await sha256Hex(token)))
    .limit(1);
  if (!row || row.revokedAt !== null || !row.active || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_GRANULARITY_MS) {
    const touch = db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - LAST_USED_GRANULARITY_MS)),
        ),
      );
    const done = touch.then(
      () => undefined,
      (e: unknown) => console.warn("lastUsedAt update failed", row.id, e),
    );
    if (opts.waitUntil) opts.waitUntil(done);
    else await done;
  }
  return {
    userId: row.userId,
    tenantId: row.tenantId,
    role: effectiveRole(row.scope, row.role),
    sessionId: "",
    via: { keyId: row.id, name: row.name },
  };
}
