import { asc, eq, ne, sql } from "drizzle-orm";
import { memberships, users } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { conflict, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { Role } from "../shared/roles";
import { normalizeEmail } from "./auth/accounts";
import { hashPassword } from "./auth/passwords";
import { revokeUserSessions, forgetCachedSessions } from "./auth/sessions";
import { auditInsert } from "./audit";
import { mirrorMembers, unmirrorMember } from "./tenancy/members-mirror";

// Members are control-plane rows (tdb.control): sign-in and roles are decided there. Each change
// is then mirrored onto the tenant's shard, with its audit row (services/tenancy/members-mirror.ts).

const memberColumns = {
  user: { id: users.id, email: users.email, name: users.name },
  role: memberships.role,
  active: memberships.active,
  createdAt: memberships.createdAt,
};

type MemberRow = { user: { id: string; email: string; name: string }; role: Role; active: boolean; createdAt: number };
const present = (m: MemberRow) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() });

export async function listMembers(tdb: TenantDb) {
  const rows = await tdb.control
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tdb.scope(memberships))
    .orderBy(asc(memberships.createdAt));
  return rows.map(present);
}

async function getMember(tdb: TenantDb, userId: string) {
  const [row] = await tdb.control
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tdb.scope(memberships, eq(memberships.userId, userId)))
    .limit(1);
  if (!row) throw notFound("No such member");
  return row;
}

type NewMember = { email: string; name: string; password: string; role: Role };

export async function addMember(tdb: TenantDb, actorId: string, input: NewMember, now = Date.now()) {
  const email = normalizeEmail(input.email);
  if (await tdb.control.query.users.findFirst({ where: eq(users.email, email), columns: { id: true } })) {
    throw conflict("duplicate", "An account with this email already exists");
  }
  const user = { id: newId("usr"), email, name: input.name.trim() };
  const membership = tdb.own({
    userId: user.id,
    role: input.role,
    active: true,
    createdAt: now,
    updatedAt: now,
    createdBy: actorId,
    updatedBy: actorId,
  });
  const audit = auditInsert(tdb, {
    actorId,
    action: "member.added",
    targetType: "user",
    targetId: user.id,
    after: { email, role: input.role },
    at: now,
  });
  await tdb.control.batch([
    tdb.control
      .insert(users)
      .values({ ...user, passwordHash: await hashPassword(input.password), createdAt: now, updatedAt: now }),
    tdb.control.insert(memberships).values(membership),
    ...(tdb.onControl ? [audit] : []),
  ]);
  if (!tdb.onControl) {
    await mirrorMembers(tdb, [{ user: { ...user, createdAt: now, updatedAt: now }, membership }]);
    await audit;
  }
  return { user, role: input.role };
}

type MemberChange = { role?: Role; active?: boolean };

export async function updateMember(
  tdb: TenantDb,
  actorId: string,
  userId: string,
  change: MemberChange,
  now = Date.now(),
) {
  const before = await getMember(tdb, userId);
  const losesAdmin =
    before.role === "admin" &&
    before.active &&
    ((change.role !== undefined && change.role !== "admin") || change.active === false);
  if (losesAdmin) await assertAnotherAdmin(tdb, userId);
  const after = { role: change.role ?? before.role, active: change.active ?? before.active };
  const audit = auditInsert(tdb, {
    actorId,
    action: "member.updated",
    targetType: "user",
    targetId: userId,
    before: { role: before.role, active: before.active },
    after,
    at: now,
  });
  const [updated] = await tdb.control
    .update(memberships)
    .set({ ...after, updatedAt: now, updatedBy: actorId })
    .where(tdb.scope(memberships, eq(memberships.userId, userId)))
    .returning();
  if (updated)
    await mirrorMembers(tdb, [
      { user: { id: userId, name: before.user.name, createdAt: now, updatedAt: now }, membership: updated },
    ]);
  await audit;
  forgetCachedSessions();
  return present({ ...before, ...after });
}

export async function removeMember(tdb: TenantDb, actorId: string, userId: string, now = Date.now()) {
  const before = await getMember(tdb, userId);
  if (before.role === "admin" && before.active) await assertAnotherAdmin(tdb, userId);
  await tdb.control.batch([
    tdb.control.delete(memberships).where(tdb.scope(memberships, eq(memberships.userId, userId))),
    revokeUserSessions(tdb.control, tdb.tenantId, userId, now),
  ]);
  await unmirrorMember(tdb, userId);
  await auditInsert(tdb, {
    actorId,
    action: "member.removed",
    targetType: "user",
    targetId: userId,
    before: { email: before.user.email, role: before.role },
    at: now,
  });
}

// A tenant must always keep an active admin, or nobody could manage it again.
async function assertAnotherAdmin(tdb: TenantDb, userId: string) {
  const [row] = await tdb.control
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(
      tdb.scope(
        memberships,
        eq(memberships.role, "admin"),
        eq(memberships.active, true),
        ne(memberships.userId, userId),
      ),
    );
  if (!row || row.n === 0)
    throw conflict("last_admin", "The tenant's last admin cannot be demoted, deactivated or removed");
}
