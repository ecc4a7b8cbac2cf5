import { and, eq, inArray } from "drizzle-orm";
import type { Statement } from "../../db/batch";
import { memberships, users } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";

/**
 * The members of a tenant, mirrored onto its shard. The control database is the truth for who
 * may sign in and with which role; the mirror exists so that tenant data on the shard can join
 * names (audit, history, drafts) and check membership (user fields, approvals, routing) without
 * a second database in every query. It holds no e-mail address (the user id stands in, keeping
 * the shard's unique index trivially satisfied) and no password hash.
 *
 * Written after the control database on every membership change (register, add, update, remove,
 * sandbox, import); `syncMembers` rewrites a tenant's mirror from the control database and repairs
 * one a failed write left behind. Nothing to do for tenants whose shard is the control database.
 */
type MemberRow = typeof memberships.$inferSelect;
type UserRow = { id: string; name: string; createdAt: number; updatedAt: number };

export function mirrorWrites(tdb: TenantDb, rows: { user: UserRow; membership: MemberRow }[]): Statement[] {
  if (tdb.onControl || rows.length === 0) return [];
  const out: Statement[] = [];
  for (const { user, membership } of rows) {
    out.push(
      tdb.db
        .insert(users)
        .values({
          id: user.id,
          email: user.id,
          name: user.name,
          passwordHash: "",
          createdAt: user.createdAt,
          updatedAt: user.updatedAt,
        })
        .onConflictDoUpdate({ target: users.id, set: { name: user.name, updatedAt: user.updatedAt } }) as Statement,
      tdb.db
        .insert(memberships)
        .values({ ...membership, tenantId: tdb.tenantId })
        .onConflictDoUpdate({
          target: [memberships.tenantId, memberships.userId],
          set: {
            role: membership.role,
            active: membership.active,
            updatedAt: membership.updatedAt,
            updatedBy: membership.updatedBy,
          },
        }) as Statement,
    );
  }
  return out;
}

/** Applies the mirror of these members now (after the control database accepted them). */
export async function mirrorMembers(tdb: TenantDb, rows: { user: UserRow; membership: MemberRow }[]): Promise<void> {
  const writes = mirrorWrites(tdb, rows);
  if (writes.length) await tdb.db.batch(writes as [Statement, ...Statement[]]);
}

export async function unmirrorMember(tdb: TenantDb, userId: string): Promise<void> {
  if (tdb.onControl) return;
  await tdb.db.delete(memberships).where(and(eq(memberships.tenantId, tdb.tenantId), eq(memberships.userId, userId)));
}

/** Copies the tenant's members from the control database to its shard (idempotent). */
export async function syncMembers(tdb: TenantDb): Promise<number> {
  if (tdb.onControl) return 0;
  const rows = await tdb.control
    .select({
      membership: memberships,
      user: { id: users.id, name: users.name, createdAt: users.createdAt, updatedAt: users.updatedAt },
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tdb.tenantId));
  for (let i = 0; i < rows.length; i += 40) await mirrorMembers(tdb, rows.slice(i, i + 40));
  const ids = new Set(rows.map((r) => r.membership.userId));
  const mirrored = await tdb.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.tenantId, tdb.tenantId));
  const stale = mirrored.map((m) => m.userId).filter((id) => !ids.has(id));
  if (stale.length)
    await tdb.db
      .delete(memberships)
      .where(and(eq(memberships.tenantId, tdb.tenantId), inArray(memberships.userId, stale)));
  return rows.length;
}
