import { and, isNull, lt } from "drizzle-orm";
import { createDb } from "../../db/client";
import { events } from "../../db/schema";
import { tenantHub } from "../../lib/hub";
import { CONTROL, shardDatabase, shardNames } from "../tenancy/placement";

/**
 * A lost "events are waiting" notification costs latency, never an event: once a minute the
 * Worker's cron finds tenants with events older than 30 s still unprocessed and wakes their
 * objects to drain them. Every database is swept: each shard, and the control database (for
 * tenants from before shards).
 */
export async function sweepOutbox(env: Env, now = Date.now()): Promise<number> {
  const perShard = await Promise.all(
    [CONTROL, ...shardNames(env)].map((shard) => stuckTenants(shardDatabase(env, shard), now)),
  );
  const tenantIds = [...new Set(perShard.flat())];
  await Promise.allSettled(tenantIds.map((tenantId) => tenantHub(env, tenantId).drainEvents()));
  return tenantIds.length;
}

async function stuckTenants(d1: D1Database, now: number): Promise<string[]> {
  const rows = await createDb(d1)
    .selectDistinct({ tenantId: events.tenantId })
    .from(events)
    .where(and(isNull(events.processedAt), lt(events.createdAt, now - 30_000)))
    .limit(500);
  return rows.map((r) => r.tenantId);
}
