import { sql, type SQL } from "drizzle-orm";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import type { Snapshot } from "../../shared/config/snapshot";
import { entityFromSnapshot, ownerScoped } from "./entity";

// Things that hang off a record (activities, approvals) are readable when the record is: its
// entity is still published and, where the form says recordAccess: owner, an agent or read-only
// member owns it or is assigned to it. One query for a page of them, however many.

/** The ids of the records, among `ids`, that the caller may read under the current snapshot. */
export async function readableRecordIds(
  tdb: TenantDb,
  snapshot: Snapshot,
  principal: Principal,
  ids: Iterable<string>,
): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const rows = await tdb.db.values<[string, string, string | null, string | null]>(sql`
    SELECT id, entity, owner_id, assignee_id FROM records
    WHERE tenant_id = ${tdb.tenantId} AND deleted_at IS NULL AND id IN (SELECT value
    FROM json_each(${JSON.stringify(wanted)}))`);
  const readable = new Set<string>();
  for (const [id, entity, ownerId, assigneeId] of rows) {
    const ctx = entityFromSnapshot(snapshot, 0, entity);
    if (!ctx) continue;
    if (!ownerScoped(ctx, principal.role) || ownerId === principal.userId || assigneeId === principal.userId)
      readable.add(id);
  }
  return readable;
}

/**
 * The same rule as a SQL predicate over a column holding a record id, for lists that page in
 * SQL. Null when the caller's role sees every record of every entity (nothing to add).
 */
export function readableRecordClause(
  tdb: TenantDb,
  snapshot: Snapshot,
  principal: Principal,
  recordId: SQL,
): SQL | null {
  const entities = Object.keys(snapshot.form ?? {}).flatMap((e) => entityFromSnapshot(snapshot, 0, e) ?? []);
  const scoped = entities.filter((ctx) => ownerScoped(ctx, principal.role)).map((ctx) => sql`${ctx.entity}`);
  if (scoped.length === 0) return null;
  return sql`EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = ${tdb.tenantId} AND r.id = ${recordId}
    AND r.deleted_at IS NULL
    AND (r.entity NOT IN (${sql.join(scoped, sql`, `)}) OR r.owner_id = ${principal.userId}
    OR r.assignee_id = ${principal.userId}))`;
}
