import { sql } from "drizzle-orm";
import { isMalformedJson, isUniqueViolation } from "../../db/d1-errors";
import { events } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";

export type RecordEventType = "record.created" | "record.updated" | "record.deleted" | "record.transitioned";
/** Everything the tenant object reacts to; `recordId` is the subject's id (a record's, an activity's). */
export type EventType =
  | RecordEventType
  | "activity.created"
  | "activity.updated"
  | "approval.requested"
  | "approval.decided";

export type RecordEvent = {
  type: EventType;
  entity: string;
  recordId: string;
  actorId: string | null;
  before: unknown;
  after: unknown;
  configVersion: number;
  /** Automation hops that led to this event (0 for a person's write). */
  depth?: number;
  at: number;
};

/** The outbox row written in the same batch as the change: nothing is announced that did not commit. */
export function eventInsert(tdb: TenantDb, e: RecordEvent) {
  return tdb.db.insert(events).values(
    tdb.own({
      type: e.type,
      entity: e.entity,
      recordId: e.recordId,
      actorId: e.actorId,
      before: e.before ?? null,
      after: e.after ?? null,
      configVersion: e.configVersion,
      depth: e.depth ?? 0,
      createdAt: e.at,
    }),
  );
}

/**
 * A statement that makes the whole batch fail unless the record is still at `version`: D1 has
 * no interactive transactions, so optimistic concurrency is checked inside the batch itself.
 * The failure is a JSON parse error raised on purpose; `isStaleWrite` recognises it.
 */
export function versionGuard(tdb: TenantDb, id: string, version: number) {
  return tdb.db.run(
    sql`SELECT json(CASE WHEN EXISTS (SELECT 1 FROM records WHERE tenant_id = ${tdb.tenantId} AND id = ${id}
      AND version = ${version} AND deleted_at IS NULL) THEN '1' ELSE '{stale' END)`,
  );
}

export const isStaleWrite = (error: unknown) => isMalformedJson(error);
export const isUniqueClash = (error: unknown) => isUniqueViolation(error, "record_uniques");
