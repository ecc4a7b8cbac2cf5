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

const memberColumns = {
  user: { id: users.id, email: users.email, name: users.name },
  role: memberships.role,
  active: memberships.active,
  createdAt: memberships.createdAt,
};

type MemberRow = { user: { id: string; email: string; name: string }; role: Role; active: boolean; createdAt: number };
const present = (m: MemberRow) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() });

export async function listMembers(tdb: TenantDb) {
  const rows = await tdb.db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tdb.scope(memberships))
    .orderBy(asc(memberships.createdAt));
  return rows.map(present);
}

async function getMember(tdb: TenantDb, userId: string) {
  const [row] = await tdb.db
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
  if (await tdb.db.query.users.findFirst({ where: eq(users.email, email), columns: { id: true } })) {
    throw conflict("duplicate", "An account with this email already exists");
  }
  const user = { id: newId("usr"), email, name: input.name.trim() };
  await tdb.db.batch([
    tdb.db.insert(users).values({ ...user, passwordHash: await hashPassword(input.password), createdAt: now, updatedAt: now }),
    tdb.db.insert(memberships).values(tdb.own({ userId: user.id, role: input.role, createdAt: now, updatedAt: now, createdBy: actorId, updatedBy: actorId })),
    auditInsert(tdb, { actorId, action: "member.added", targetType: "user", targetId: user.id, after: { email, role: input.role }, at: now }),
  ]);
  return { user, role: input.role };
}

type MemberChange = { role?: Role; active?: boolean };

export async function updateMember(tdb: TenantDb, actorId: string, userId: string, change: MemberChange, now = Date.now()) {
  const before = await getMember(tdb, userId);
  const losesAdmin = before.role === "admin" && before.active && (change.role !== undefined && change.role !== "admin" || change.active === false);
  if (losesAdmin) await assertAnotherAdmin(tdb, userId);
  const after = { role: change.role ?? before.role, active: change.active ?? before.active };
  await tdb.db.batch([
    tdb.db.update(memberships).set({ ...after, updatedAt: now, updatedBy: actorId }).where(tdb.scope(memberships, eq(memberships.userId, userId))),
    auditInsert(tdb, { actorId, action: "member.updated", targetType: "user", targetId: userId, before: { role: before.role, active: before.active }, after, at: now }),
  ]);
  forgetCachedSessions();
  return present({ ...before, ...after });
}

export async function removeMember(tdb: TenantDb, actorId: string, userId: string, now = Date.now()) {
  const before = await getMember(tdb, userId);
  if (before.role === "admin" && before.active) await assertAnotherAdmin(tdb, userId);
  await tdb.db.batch([
    tdb.db.delete(memberships).where(tdb.scope(memberships, eq(memberships.userId, userId))),
    revokeUserSessions(tdb.db, tdb.tenantId, userId, now),
    auditInsert(tdb, { actorId, action: "member.removed", targetType: "user", targetId: userId, before: { email: before.user.email, role: before.role }, at: now }),
  ]);
}

// A tenant must always keep an active admin, or nobody could manage it again.
async function assertAnotherAdmin(tdb: TenantDb, userId: string) {
  const [row] = await tdb.db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(tdb.scope(memberships, eq(memberships.role, "admin"), eq(memberships.active, true), ne(memberships.userId, userId)));
  if (!row || row.n === 0) throw conflict("last_admin", "The tenant's last admin cannot be demoted, deactivated or removed");
}
