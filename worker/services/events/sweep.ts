import { and, isNull, lt } from "drizzle-orm";
import { createDb } from "../../db/client";
import { events } from "../../db/schema";
import { tenantHub } from "../../durable/hub";

/**
 * A lost "events are waiting" notification costs latency, never an event: once a minute the
 * Worker's cron finds tenants with events older than 30 s still unprocessed and wakes their
 * objects to drain them.
 */
export async function sweepOutbox(env: Env, now = Date.now()): Promise<number> {
  const rows = await createDb(env.DB)
    .selectDistinct({ tenantId: events.tenantId })
    .from(events)
    .where(and(isNull(events.processedAt), lt(events.createdAt, now - 30_000)))
    .limit(500);
  await Promise.allSettled(rows.map(({ tenantId }) => tenantHub(env, tenantId).drainEvents(tenantId)));
  return rows.length;
}
