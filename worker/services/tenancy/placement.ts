import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { tenantShards } from "../../db/schema";

/**
 * Where tenants' data lives. `DB` is the control database; every D1 binding named `SHARD_*`
 * (wrangler.toml) is a tenant-data shard. Tenants created before shards existed stay on `DB`
 * (migration 0013), which is therefore a legal shard name too, but never chosen for a new tenant.
 *
 * The policy, kept small on purpose: a new tenant goes to the open shard with the fewest tenants
 * (ties by name). `SHARDS_CLOSED` ("SHARD_0,SHARD_3") closes shards to new tenants, e.g. one
 * filling up towards D1's 10 GB; its tenants stay. With every shard closed, or none configured,
 * new tenants go to `DB`.
 */
export const CONTROL = "DB";

/** The tenant-data shards bound to this Worker, by name. */
export function shardNames(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => /^SHARD_[A-Z0-9_]+$/.test(name) && isD1((env as unknown as Record<string, unknown>)[name]))
    .sort();
}

export function closedShards(env: Env): Set<string> {
  return new Set(
    (env.SHARDS_CLOSED ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** The shards open to new tenants. */
export function openShards(env: Env): string[] {
  const closed = closedShards(env);
  return shardNames(env).filter((name) => !closed.has(name));
}

/** The D1 binding of a shard name (a directory row); an unknown name is a deployment error. */
export function shardDatabase(env: Env, shard: string): D1Database {
  const d1 = (env as unknown as Record<string, unknown>)[shard];
  if (shard !== CONTROL && !/^SHARD_[A-Z0-9_]+$/.test(shard)) throw new Error(`not a shard name: ${shard}`);
  if (!isD1(d1)) throw new Error(`shard ${shard} has no D1 binding in this deployment (wrangler.toml)`);
  return d1;
}

/** Pure: the open shard with the fewest tenants, ties by name; CONTROL when none is open. */
export function chooseShard(counts: Record<string, number>, open: string[]): string {
  let best: string | undefined;
  for (const name of [...open].sort()) if (best === undefined || (counts[name] ?? 0) < (counts[best] ?? 0)) best = name;
  return best ?? CONTROL;
}

/** The shard for a tenant about to be created (the directory row is written with the tenant). */
export async function placeNewTenant(env: Env, control: Db): Promise<string> {
  const open = openShards(env);
  if (open.length === 0) return CONTROL;
  const rows = await control
    .select({ shard: tenantShards.shard, n: sql<number>`count(*)` })
    .from(tenantShards)
    .groupBy(tenantShards.shard);
  return chooseShard(Object.fromEntries(rows.map((r) => [r.shard, r.n])), open);
}

function isD1(value: unknown): value is D1Database {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as D1Database).prepare === "function" &&
    typeof (value as D1Database).batch === "function"
  );
}
