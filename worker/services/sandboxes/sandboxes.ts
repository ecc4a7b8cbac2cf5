import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, sessions, tenants, users } from "../../db/schema";
import { conflict, forbidden, notFound } from "../../lib/errors";
import { iso, newId } from "../../lib/ids";
import type { Role } from "../../shared/roles";
import { slugify } from "../auth/accounts";
import { sessionInsert } from "../auth/sessions";
import { signToken, TOKEN_TTL_SECONDS } from "../auth/tokens";
import { starterConfigWrites } from "../config/bootstrap";
import { currentVersion } from "../config/current";
import { createTenant } from "../tenancy/create";

type TenantRow = typeof tenants.$inferSelect;

export function presentSandbox(row: TenantRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    sandboxOf: row.sandboxOf!,
    allowEgress: row.sandboxEgress,
    createdAt: iso(row.createdAt)!,
  };
}

export async function tenantRow(db: Db, tenantId: string): Promise<TenantRow | undefined> {
  return db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
}

/** A sandbox of `productionId`; another tenant's sandbox (or no sandbox) is a 404. */
export async function sandboxOf(db: Db, productionId: string, sandboxId: string): Promise<TenantRow> {
  const row = await tenantRow(db, sandboxId);
  if (!row || row.sandboxOf !== productionId) throw notFound("No such sandbox");
  return row;
}

export async function listSandboxes(db: Db, productionId: string) {
  const rows = await db
    .select()
    .from(tenants)
    .where(eq(tenants.sandboxOf, productionId))
    .orderBy(desc(tenants.createdAt));
  return rows.map(presentSandbox);
}

type CreateInput = { productionId: string; actorId: string; name: string; allowEgress?: boolean };

/**
 * A new tenant holding a copy of production's published config (as its version 1, the base a
 * promotion diffs against) and one member: the admin who made it. Nobody else's membership or
 * password is copied; records are not copied either.
 */
export async function createSandbox(db: Db, env: Env, input: CreateInput, now = Date.now()) {
  const production = await tenantRow(db, input.productionId);
  if (!production) throw notFound();
  if (production.sandboxOf)
    throw conflict("sandbox_of_sandbox", "A sandbox cannot have sandboxes of its own; create it from production");
  const current = await currentVersion(env, production.id);
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).slice(0, 6);
  const sandbox = {
    id: newId("ten"),
    slug: `${slugify(production.slug).slice(0, 24)}-sandbox-${suffix}`,
    name: input.name.trim(),
    sandboxOf: production.id,
    sandboxEgress: input.allowEgress ?? false,
    createdAt: now,
    updatedAt: now,
  };
  // Like registration: placed on a shard by the same policy (services/tenancy/create.ts).
  const membership = {
    tenantId: sandbox.id,
    userId: input.actorId,
    role: "admin" as const,
    active: true,
    createdAt: now,
    updatedAt: now,
    createdBy: input.actorId,
    updatedBy: input.actorId,
  };
  const actor = await db.query.users.findFirst({
    where: eq(users.id, input.actorId),
    columns: { id: true, name: true, createdAt: true, updatedAt: true },
  });
  await createTenant(env, db, sandbox.id, now, {
    control: [db.insert(tenants).values(sandbox), db.insert(memberships).values(membership)],
    data: (tdb) =>
      starterConfigWrites(tdb.db, sandbox.id, input.actorId, now, {
        snapshot: current?.snapshot ?? {},
        message: `Sandbox of ${production.name} (version ${current?.version ?? 0})`,
      }),
    members: actor ? [{ user: actor, membership }] : [],
  });
  return presentSandbox(sandbox as TenantRow);
}

export async function setSandboxEgress(db: Db, productionId: string, sandboxId: string, allow: boolean) {
  await sandboxOf(db, productionId, sandboxId);
  const [row] = await db
    .update(tenants)
    .set({ sandboxEgress: allow, updatedAt: Date.now() })
    .where(eq(tenants.id, sandboxId))
    .returning();
  return presentSandbox(row!);
}

/**
 * A token for `userId` in `tenantId`, for moving between a production tenant and its sandbox
 * without signing in again: only with an active membership there, with the role held there.
 */
export async function switchSession(db: Db, env: Env, tenantId: string, userId: string, now = Date.now()) {
  const [row] = await db
    .select({
      role: memberships.role,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name, sandboxOf: tenants.sandboxOf },
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), eq(memberships.active, true)))
    .limit(1);
  if (!row) throw forbidden("You are not a member there");
  const sessionId = newId("ses");
  await db.insert(sessions).values(sessionInsert(sessionId, tenantId, userId, now, TOKEN_TTL_SECONDS));
  const token = await signToken(env, { userId, tenantId, role: row.role as Role, sessionId }, now);
  return { token, tenant: row.tenant, role: row.role };
}
