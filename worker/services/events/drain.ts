import { asc, isNull, lte } from "drizzle-orm";
import { events } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { ServerMessage } from "../../shared/protocol";
import { getItem, type Snapshot } from "../../shared/config/snapshot";

export type OutboxEvent = typeof events.$inferSelect;

/** Events per read; a read that returns fewer has every event committed before it. */
export const EVENT_BATCH = 200;

/** The next unprocessed events of the tenant, oldest first. */
function pendingEvents(tdb: TenantDb) {
  return tdb.db
    .select()
    .from(events)
    .where(tdb.scope(events, isNull(events.processedAt)))
    .orderBy(asc(events.seq))
    .limit(EVENT_BATCH);
}

/**
 * The next batch, with the mark of what was drained before it (`processedThrough`) in the same D1
 * batch: a drain is one round trip, and the read never sees an event the mark covers.
 */
export async function nextEvents(tdb: TenantDb, processedThrough?: number): Promise<OutboxEvent[]> {
  if (processedThrough === undefined) return pendingEvents(tdb);
  const [, batch] = await tdb.db.batch([markProcessedThrough(tdb, processedThrough), pendingEvents(tdb)]);
  return batch;
}

/** Marks every event up to `seq` processed, on its own (before the tenant leaves the shard). */
export async function markProcessed(tdb: TenantDb, seq: number): Promise<void> {
  await markProcessedThrough(tdb, seq);
}

/**
 * Marks every event up to `seq` processed: one statement per drained batch, whatever its size.
 * A batch is the oldest unprocessed events in order, and an event committed after it was read
 * has a higher seq (seqs only grow), so nothing unprocessed is at or below the mark but the batch.
 * Applying a mark again changes nothing.
 */
function markProcessedThrough(tdb: TenantDb, seq: number, now = Date.now()) {
  return tdb.db
    .update(events)
    .set({ processedAt: now })
    .where(tdb.scope(events, lte(events.seq, seq), isNull(events.processedAt)));
}

const OPS = {
  "record.created": "created",
  "record.updated": "updated",
  "record.transitioned": "updated",
  "record.deleted": "deleted",
} as const;

type Versioned = { version?: number; ownerId?: string | null; assignee?: unknown } | null;

/**
 * The socket message for a record event and who may receive it. It carries ids only (clients
 * re-fetch what their role may see); records of owner-scoped entities are announced only to
 * their owner, their assignee, managers and admins.
 */
export function recordMessage(
  event: OutboxEvent,
  snapshot: Snapshot,
): { message: ServerMessage; tags: string[] | undefined } | undefined {
  if (event.type === "activity.created") return activityMessage(event);
  const op = OPS[event.type as keyof typeof OPS];
  if (!op || !event.entity || !event.recordId) return undefined;
  const state = ((event.after ?? event.before) as Versioned) ?? {};
  const version = (event.after as Versioned)?.version ?? ((event.before as Versioned)?.version ?? 0) + 1;
  const message: ServerMessage = { type: "record.changed", entity: event.entity, id: event.recordId, op, version };
  const form = getItem(snapshot, "form", event.entity, "default");
  if (form?.recordAccess !== "owner") return { message, tags: undefined };
  const people = [state.ownerId, typeof state.assignee === "string" ? state.assignee : null].filter((x): x is string =>
    Boolean(x),
  );
  return { message, tags: ["role:admin", "role:manager", ...people.map((id) => `user:${id}`)] };
}

type ActivityState = {
  id: string;
  title: string;
  assigneeId: string | null;
  entity: string | null;
  recordId: string | null;
};

/** A new activity is announced to its assignee, managers and admins. */
function activityMessage(event: OutboxEvent): { message: ServerMessage; tags: string[] | undefined } | undefined {
  const a = event.after as ActivityState | null;
  if (!a) return undefined;
  const message: ServerMessage = {
    type: "activity.created",
    id: a.id,
    title: a.title,
    assigneeId: a.assigneeId,
    entity: a.entity,
    recordId: a.recordId,
  };
  return { message, tags: ["role:admin", "role:manager", ...(a.assigneeId ? [`user:${a.assigneeId}`] : [])] };
}
