import { eq, isNull, sql } from "drizzle-orm";
import { runBatch } from "../../db/batch";
import { records } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { foldText, isAscii } from "../../shared/config/operands";

// SQLite's lower() folds ASCII only, so each record carries case-folded copies of its non-ASCII
// text values (records.fold), written with the record; SQL compares
// coalesce(fold.<field>, lower(data.<field>)). Rows written before the column existed are
// filled in before the first query that needs them (the migration already marks all-ASCII rows).

/** The folded copies of a record's non-ASCII top-level text values. */
export function foldedCopy(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === "string" && !isAscii(value)) {
      Object.defineProperty(out, key, { value: foldText(value), enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

// Per isolate: entities whose rows all have their folded copies (new writes always do).
const complete = new Set<string>();
const BATCH = 200;

/** Computes the folded copies of this entity's rows that lack them (old rows), once per isolate. */
export async function ensureFolded(tdb: TenantDb, entity: string): Promise<void> {
  const key = `${tdb.tenantId}\u0000${entity}`;
  if (complete.has(key)) return;
  for (;;) {
    const rows = await tdb.db
      .select({ id: records.id, data: records.data })
      .from(records)
      .where(tdb.scope(records, eq(records.entity, entity), isNull(records.fold)))
      .limit(BATCH);
    if (rows.length === 0) break;
    await runBatch(
      tdb.db,
      rows.map((r) =>
        tdb.db
          .update(records)
          .set({ fold: foldedCopy(r.data as Record<string, unknown>) })
          .where(tdb.scope(records, eq(records.id, r.id), sql`${records.fold} IS NULL`)),
      ),
    );
    if (rows.length < BATCH) break;
  }
  complete.add(key);
}
