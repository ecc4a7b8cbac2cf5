import { asc, eq } from "drizzle-orm";
import { runBatch } from "../../db/batch";
import { tenantSecrets } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { notFound } from "../../lib/errors";
import type { SecretRef } from "../../shared/config/secret-ref";
import { auditInsert } from "../audit";
import { openSecret, sealSecret } from "./cipher";

type Actor = { userId: string };

/** Creates or replaces a secret. The audit row names it; its value is nowhere but the ciphertext. */
export type NewSecret = { name: string; value: string; now?: number };

export async function putSecret(env: Env, tdb: TenantDb, actor: Actor, secret: NewSecret): Promise<void> {
  const { name, value, now = Date.now() } = secret;
  const ciphertext = await sealSecret(env, tdb.tenantId, name, value);
  await runBatch(tdb.db, [
    tdb.db
      .insert(tenantSecrets)
      .values(tdb.own({ name, ciphertext, updatedAt: now, updatedBy: actor.userId }))
      .onConflictDoUpdate({
        target: [tenantSecrets.tenantId, tenantSecrets.name],
        set: { ciphertext, updatedAt: now, updatedBy: actor.userId },
      }),
    auditInsert(tdb, { actorId: actor.userId, action: "secret.set", targetType: "secret", targetId: name, at: now }),
  ]);
}

export async function deleteSecret(tdb: TenantDb, actor: Actor, name: string, now = Date.now()): Promise<void> {
  const [row] = await tdb.db
    .select({ name: tenantSecrets.name })
    .from(tenantSecrets)
    .where(tdb.scope(tenantSecrets, eq(tenantSecrets.name, name)));
  if (!row) throw notFound(`There is no secret ${name}`);
  await runBatch(tdb.db, [
    tdb.db.delete(tenantSecrets).where(tdb.scope(tenantSecrets, eq(tenantSecrets.name, name))),
    auditInsert(tdb, { actorId: actor.userId, action: "secret.delete", targetType: "secret", targetId: name, at: now }),
  ]);
}

/** Names and when they were set: never values. */
export async function listSecrets(tdb: TenantDb) {
  return tdb.db
    .select({ name: tenantSecrets.name, updatedAt: tenantSecrets.updatedAt, updatedBy: tenantSecrets.updatedBy })
    .from(tenantSecrets)
    .where(tdb.scope(tenantSecrets))
    .orderBy(asc(tenantSecrets.name));
}

export class MissingSecret extends Error {}

/**
 * The plain value behind a reference — for the executor that sends it and nothing else.
 * A plain string (a published snapshot from before secrets were references) passes through.
 */
export async function resolveSecret(env: Env, tdb: TenantDb, ref: SecretRef | string): Promise<string> {
  if (typeof ref === "string") return ref;
  const [row] = await tdb.db
    .select({ ciphertext: tenantSecrets.ciphertext })
    .from(tenantSecrets)
    .where(tdb.scope(tenantSecrets, eq(tenantSecrets.name, ref.$secret)));
  if (!row) throw new MissingSecret(`the secret ${ref.$secret} is not set (PUT /api/admin/secrets/${ref.$secret})`);
  return openSecret(env, tdb.tenantId, ref.$secret, row.ciphertext);
}

/** Every header, with references resolved. */
export async function resolveHeaders(
  env: Env,
  tdb: TenantDb,
  headers: Record<string, SecretRef | string> | undefined,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = await resolveSecret(env, tdb, value);
  return out;
}
