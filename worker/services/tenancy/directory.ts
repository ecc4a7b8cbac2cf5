import { eq } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { tenantShards } from "../../db/schema";
import { CONTROL } from "./placement";

export type Placement = { shard: string; frozen: boolean };

// The directory cached in the isolate. A cached placement is used for at most this long, so a
// moved tenant's new shard is seen everywhere within it; the move procedure (docs/scaling.md)
// freezes the tenant for longer than this before copying. A frozen placement is never cached:
// while a tenant is frozen every request asks the control database, and sees the unfreeze at once.
export const PLACEMENT_TTL_MS = 15_000;
const MAX_CACHED = 10_000;
const cache = new Map<string, { placement: Placement; until: number }>();

/** Where a tenant's data lives. A tenant with no directory row predates shards: it is on DB. */
export async function placementOf(env: Env, tenantId: string, now = Date.now()): Promise<Placement> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > now) return hit.placement;
  const placement = await readPlacement(createDb(env.DB), tenantId);
  if (!placement.frozen) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(tenantId, { placement, until: now + PLACEMENT_TTL_MS });
  } else cache.delete(tenantId);
  return placement;
}

export async function readPlacement(control: Db, tenantId: string): Promise<Placement> {
  const [row] = await control
    .select({ shard: tenantShards.shard, frozen: tenantShards.frozen })
    .from(tenantShards)
    .where(eq(tenantShards.tenantId, tenantId))
    .limit(1);
  return row ?? { shard: CONTROL, frozen: false };
}

/** Drops cached placements (this isolate): after a move or a freeze made here, and in tests. */
export function forgetPlacement(tenantId?: string): void {
  if (tenantId) cache.delete(tenantId);
  else cache.clear();
}

/** The directory row of a new tenant, for the batch that creates it. */
export function directoryInsert(control: Db, tenantId: string, shard: string, now: number) {
  return control.insert(tenantShards).values({ tenantId, shard, frozen: false, createdAt: now, updatedAt: now });
}
