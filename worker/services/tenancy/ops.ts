import { and, eq, sql } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { tenants, tenantShards } from "../../db/schema";
import { TenantDb } from "../../db/tenant-db";
import { tenantHub } from "../../lib/hub";
import { badRequest, conflict, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { slugify } from "../auth/accounts";
import { forgetPlacement, readPlacement, type Placement } from "./directory";
import { syncMembers } from "./members-mirror";
import { CONTROL, closedShards, shardDatabase, shardNames } from "./placement";
import { TENANT_TABLES } from "./portable";

/**
 * What the operator routes (/api/ops, OPS_TOKEN) do to a tenant's placement. Moving a tenant
 * (scripts/move-tenant.ts, docs/scaling.md): freeze → wait out the placement caches → copy its
 * rows to the new shard → switch the directory → unfreeze → purge the old copy.
 */
export function knownShard(env: Env, shard: string): string {
  if (shard !== CONTROL && !shardNames(env).includes(shard))
    throw badRequest(`No shard named ${shard}`, [
      { path: "shard", message: `one of ${[CONTROL, ...shardNames(env)].join(", ")}` },
    ]);
  return shard;
}

export async function tenantOrThrow(control: Db, tenantId: string) {
  const [tenant] = await control
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!tenant) throw notFound("No such tenant");
  return tenant;
}

export async function setFrozen(env: Env, tenantId: string, frozen: boolean): Promise<Placement> {
  const control = createDb(env.DB);
  await tenantOrThrow(control, tenantId);
  const current = await readPlacement(control, tenantId);
  await control
    .insert(tenantShards)
    .values({ tenantId, shard: current.shard, frozen, createdAt: Date.now(), updatedAt: Date.now() })
    .onConflictDoUpdate({ target: tenantShards.tenantId, set: { frozen, updatedAt: Date.now() } });
  forgetPlacement(tenantId);
  await tenantHub(env, tenantId).placementChanged();
  return readPlacement(control, tenantId);
}

/** Points the directory at `shard` (the tenant must be frozen, its rows already copied there). */
export async function switchShard(env: Env, tenantId: string, shard: string): Promise<Placement> {
  const control = createDb(env.DB);
  knownShard(env, shard);
  const current = await readPlacement(control, tenantId);
  if (!current.frozen) throw conflict("not_frozen", "Freeze the tenant before switching its shard");
  await control
    .update(tenantShards)
    .set({ shard, updatedAt: Date.now() })
    .where(and(eq(tenantShards.tenantId, tenantId), eq(tenantShards.frozen, true)));
  forgetPlacement(tenantId);
  // The copy carried no member mirror: write it on the new shard from the control database.
  await syncMembers(TenantDb.onShard(env, tenantId, shard));
  await tenantHub(env, tenantId).placementChanged();
  return readPlacement(control, tenantId);
}

/** Deletes up to `budget` of a tenant's rows from a shard that is not (or no longer) its own. */
export async function purgeRows(
  env: Env,
  tenantId: string,
  shard: string,
  budget = 2_000,
): Promise<{ deleted: number; remaining: number }> {
  const control = createDb(env.DB);
  knownShard(env, shard);
  const current = await readPlacement(control, tenantId);
  if (current.shard === shard)
    throw conflict("current_shard", "This is the tenant's current shard; purge only the old copy after a move");
  const d1 = shardDatabase(env, shard);
  let deleted = 0;
  // Search entries carry no tenant column: remove those of the records about to go, first.
  await d1
    .prepare(
      "DELETE FROM records_search WHERE rowid IN (SELECT search_rowid FROM records WHERE tenant_id = ? AND " +
        "search_rowid IS NOT NULL)",
    )
    .bind(tenantId)
    .run();
  for (const t of [...TENANT_TABLES.map((x) => x.table), "memberships"]) {
    while (deleted < budget) {
      const result = await d1
        .prepare(`DELETE FROM ${t} WHERE rowid IN (SELECT rowid FROM ${t} WHERE tenant_id = ? LIMIT 500)`)
        .bind(tenantId)
        .run();
      deleted += result.meta.changes ?? 0;
      if ((result.meta.changes ?? 0) < 500) break;
    }
  }
  const remaining = (await rowCounts(d1, tenantId)).total;
  return { deleted, remaining };
}

export async function rowCounts(
  d1: D1Database,
  tenantId: string,
): Promise<{ total: number; tables: Record<string, number> }> {
  const results = await d1.batch(
    TENANT_TABLES.map((t) => d1.prepare(`SELECT count(*) AS n FROM ${t.table} WHERE tenant_id = ?`).bind(tenantId)),
  );
  const tables = Object.fromEntries(
    TENANT_TABLES.map((t, i) => [t.table, Number((results[i]!.results[0] as { n: number }).n)]),
  );
  return { total: Object.values(tables).reduce((a, b) => a + b, 0), tables };
}

/** An empty tenant (no config, no members) for an import, on `shard` or by the placement policy. */
export async function createEmptyTenant(
  env: Env,
  input: { name: string; slug?: string; shard?: string; avoidShard?: string },
  now = Date.now(),
) {
  const control = createDb(env.DB);
  let shard = input.shard ? knownShard(env, input.shard) : undefined;
  if (!shard) {
    // The source's shard holds the same ids: prefer another open one.
    const closed = closedShards(env);
    const open = shardNames(env).filter((s) => !closed.has(s) && s !== input.avoidShard);
    const rows = await control
      .select({ shard: tenantShards.shard, n: sql<number>`count(*)` })
      .from(tenantShards)
      .groupBy(tenantShards.shard);
    const counts = Object.fromEntries(rows.map((r) => [r.shard, r.n]));
    shard = open.sort((a, b) => (counts[a] ?? 0) - (counts[b] ?? 0) || a.localeCompare(b))[0] ?? CONTROL;
  }
  const slug = slugify(input.slug ?? input.name) || "tenant";
  if (await control.query.tenants.findFirst({ where: eq(tenants.slug, slug), columns: { id: true } }))
    throw conflict("duplicate", `The slug ${slug} is taken`);
  const tenant = { id: newId("ten"), slug, name: input.name.trim() };
  await control.batch([
    control.insert(tenants).values({ ...tenant, createdAt: now, updatedAt: now }),
    control.insert(tenantShards).values({ tenantId: tenant.id, shard, frozen: false, createdAt: now, updatedAt: now }),
  ]);
  return { tenant, shard };
}
