import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/d1-errors";
import { memberships, sessions, tenants, users } from "../../db/schema";
import { conflict, unauthenticated } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Snapshot } from "../../shared/config/snapshot";
import type { Role } from "../../shared/roles";
import { starterConfigWrites } from "../config/bootstrap";
import { createTenant } from "../tenancy/create";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";
import { sessionInsert } from "./sessions";
import { signToken, TOKEN_TTL_SECONDS } from "./tokens";
import {
  assertLoginAllowed,
  assertNotThrottled,
  clearLoginFailures,
  countAttempt,
  countLoginFailure,
  registerRules,
} from "./throttle";

export type AuthResult = {
  token: string;
  user: { id: string; email: string; name: string };
  tenant: { id: string; slug: string; name: string };
  role: Role;
};

type Registration = { email: string; password: string; name: string; tenantName: string; snapshot?: Snapshot };
type Credentials = { email: string; password: string; tenant?: string };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates the tenant, its first admin, a session and its first config (version 1: the starter unless given) in one
 * batch.
 */
export async function register(
  db: Db,
  env: Env,
  input: Registration,
  ip: string,
  now = Date.now(),
): Promise<AuthResult> {
  await assertNotThrottled(db, registerRules(ip), now);
  await countAttempt(db, registerRules(ip), now); // every registration counts against the IP
  const email = normalizeEmail(input.email);
  if (await db.query.users.findFirst({ where: eq(users.email, email), columns: { id: true } })) {
    throw conflict("duplicate", "An account with this email already exists");
  }
  const user = { id: newId("usr"), email, name: input.name.trim() };
  const tenant = { id: newId("ten"), slug: await freeSlug(db, input.tenantName), name: input.tenantName.trim() };
  const sessionId = newId("ses");
  const membership = {
    tenantId: tenant.id,
    userId: user.id,
    role: "admin" as const,
    active: true,
    createdAt: now,
    updatedAt: now,
    createdBy: user.id,
    updatedBy: user.id,
  };
  try {
    await createTenant(env, db, tenant.id, now, {
      control: [
        db.insert(tenants).values({ ...tenant, createdAt: now, updatedAt: now }),
        db
          .insert(users)
          .values({ ...user, passwordHash: await hashPassword(input.password), createdAt: now, updatedAt: now }),
        db.insert(memberships).values(membership),
        db.insert(sessions).values(sessionInsert(sessionId, tenant.id, user.id, now, TOKEN_TTL_SECONDS)),
      ],
      data: (tdb) => starterConfigWrites(tdb.db, tenant.id, user.id, now, { snapshot: input.snapshot }),
      members: [{ user: { id: user.id, name: user.name, createdAt: now, updatedAt: now }, membership }],
    });
  } catch (error) {
    // Lost a race for the same email or slug between the check and the batch.
    if (isUniqueViolation(error)) throw conflict("duplicate", "An account with this email already exists");
    throw error;
  }
  const token = await signToken(env, { userId: user.id, tenantId: tenant.id, role: "admin", sessionId }, now);
  return { token, user, tenant, role: "admin" };
}

export async function login(db: Db, env: Env, input: Credentials, ip: string, now = Date.now()): Promise<AuthResult> {
  const email = normalizeEmail(input.email);
  await assertLoginAllowed(db, email, ip, now);
  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  const ok = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordCheck(input.password).then(() => false);
  const membership = ok && user ? await pickMembership(db, user.id, input.tenant) : undefined;
  if (!user || !membership) {
    await countLoginFailure(db, email, ip, now);
    // The same answer for an unknown email, a wrong password and a tenant the user is not in.
    throw unauthenticated("Invalid email or password");
  }
  await clearLoginFailures(db, email, ip);
  const sessionId = newId("ses");
  await db.insert(sessions).values(sessionInsert(sessionId, membership.tenant.id, user.id, now, TOKEN_TTL_SECONDS));
  const token = await signToken(
    env,
    { userId: user.id, tenantId: membership.tenant.id, role: membership.role, sessionId },
    now,
  );
  return {
    token,
    user: { id: user.id, email: user.email, name: user.name },
    tenant: presentTenant(membership.tenant),
    role: membership.role,
  };
}

/** A tenant as sessions show it: `sandboxOf` only on a sandbox (production tenants keep the v1 shape). */
function presentTenant<T extends { sandboxOf: string | null }>({ sandboxOf, ...tenant }: T) {
  return sandboxOf ? { ...tenant, sandboxOf } : tenant;
}

/** The named tenant's membership, or the user's oldest active one. */
async function pickMembership(db: Db, userId: string, slug?: string) {
  const rows = await db
    .select({
      role: memberships.role,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name, sandboxOf: tenants.sandboxOf },
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), slug ? eq(tenants.slug, slug) : undefined))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return rows[0];
}

export async function describeSession(db: Db, tenantId: string, userId: string) {
  const [row] = await db
    .select({
      user: { id: users.id, email: users.email, name: users.name },
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name, sandboxOf: tenants.sandboxOf },
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .limit(1);
  return row && { ...row, tenant: presentTenant(row.tenant) };
}

async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug =
      attempt === 0 ? base : `${base}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).slice(0, 4)}`;
    if (!(await db.query.tenants.findFirst({ where: eq(tenants.slug, slug), columns: { id: true } }))) return slug;
  }
  return `${base}-${newId("t").slice(-8)}`;
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "tenant";
}
