import { sql } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import type { TenantDb } from "../../db/tenant-db";
import type { FormField } from "../../shared/config/form";
import { getItem, type Snapshot } from "../../shared/config/snapshot";
import type { EntityContext } from "../records/entity";
import { isStaleWrite } from "../records/outbox";
import { COLUMNS, fromRaw, type RawRow } from "../records/read";
import { recomputeRecord, rollupFieldsOf, rollupValues } from "../records/rollups";
import { computedWrite } from "../records/write";

// One chunk of a publish recompute (durable/jobs.ts): the next records of the entity after the
// checkpoint id, in id order, get their computed fields recomputed and stored (only those whose
// values change are written). Writes go in small batches, each record's version-guarded; a batch
// that loses a race is redone record by record, re-read. Reads are never blocked: every batch is
// short and the job waits between chunks.

export const RECORDS_PER_CHUNK = 500;
const RECORDS_PER_BATCH = 25;

export type RecomputeOutcome = { lastId: string | null; scanned: number; written: number };

export async function recomputeChunk(input: {
  tdb: TenantDb;
  ctx: EntityContext;
  afterId: string;
  now: number;
  limit?: number;
}): Promise<RecomputeOutcome> {
  const { tdb, ctx, now } = input;
  const rows = (
    await tdb.db.values<RawRow>(sql`SELECT ${COLUMNS} FROM records
    WHERE records.tenant_id = ${tdb.tenantId} AND records.entity = ${ctx.entity} AND records.deleted_at IS NULL
    AND records.id > ${input.afterId}
    ORDER BY records.id LIMIT ${input.limit ?? RECORDS_PER_CHUNK}`)
  ).map(fromRaw);
  const rollups = rollupFieldsOf(ctx).length > 0;
  let written = 0;
  for (let i = 0; i < rows.length; i += RECORDS_PER_BATCH) {
    const group = rows.slice(i, i + RECORDS_PER_BATCH);
    const statements: Statement[] = [];
    let writes = 0;
    for (const row of group) {
      const values = rollups ? await rollupValues(tdb, ctx, row.id, now) : {};
      const write = computedWrite(tdb, ctx, row, values, { now });
      if (write) {
        statements.push(...write.statements);
        writes++;
      }
    }
    if (statements.length === 0) continue;
    try {
      await runBatch(tdb.db, statements);
      written += writes;
    } catch (error) {
      if (!isStaleWrite(error)) throw error;
      for (const row of group) if (await recomputeRecord(tdb, ctx, row.id, { now })) written++;
    }
  }
  return { lastId: rows.at(-1)?.id ?? null, scanned: rows.length, written };
}

type ComputedDef = Pick<FormField, "name" | "type" | "formula" | "resultType" | "rollup">;

function computedDefs(snapshot: Snapshot, entity: string): string {
  const fields = getItem(snapshot, "form", entity, "default")?.fields ?? [];
  const defs: ComputedDef[] = fields
    .filter((f) => f.type === "formula" || f.type === "rollup")
    .map((f) => ({ name: f.name, type: f.type, formula: f.formula, resultType: f.resultType, rollup: f.rollup }));
  return JSON.stringify(defs);
}

/**
 * Entities whose computed fields a publish changed (added, removed, or a formula, result type or
 * roll-up edited): their existing records need recomputing.
 */
export function entitiesToRecompute(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after.form ?? {})
    .filter((entity) => {
      if (!getItem(after, "form", entity, "default")) return false;
      const now = computedDefs(after, entity);
      return now !== "[]" && now !== computedDefs(before, entity);
    })
    .sort();
}
