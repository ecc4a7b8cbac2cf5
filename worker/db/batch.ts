import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

export type Statement = BatchItem<"sqlite">;

// D1 binds at most 100 parameters per statement.
const MAX_PARAMS = 100;

/** Multi-row inserts split so that no statement binds more than 100 parameters. */
export function chunkedInsert<T extends SQLiteTable>(db: Db, table: T, rows: T["$inferInsert"][]): Statement[] {
  if (rows.length === 0) return [];
  const perRow = Math.max(1, Object.keys(rows[0]!).length);
  const size = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(db.insert(table).values(rows.slice(i, i + size)) as Statement);
  return out;
}

type Buildable = { toSQL(): { sql: string; params: unknown[] } } | { getQuery(): { sql: string; params: unknown[] } };

/**
 * Runs statements atomically, all or none, as one D1 batch. Statements are bound here rather
 * than by drizzle's `db.batch`, which cannot bind parameters of raw `db.run(sql)` statements.
 */
export async function runBatch(db: Db, statements: Statement[]): Promise<D1Result[]> {
  if (statements.length === 0) return [];
  const d1 = db.$client;
  return d1.batch(
    statements.map((s) => {
      const b = s as unknown as Buildable;
      const q = "toSQL" in b ? b.toSQL() : b.getQuery();
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}

type Prepared = {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, fromBatch: boolean): unknown;
};

/**
 * Reads in one D1 batch (one round trip), each result as drizzle gives it when the statement runs
 * alone: rows of a select, arrays of a raw `db.values(sql)`. (drizzle's own `db.batch` cannot bind
 * the parameters of raw statements.) D1 hands a batch's rows back as objects keyed by column
 * name, so a batched statement must not select two columns of the same name: alias one.
 */
export async function readBatch<T extends [Statement, ...Statement[]]>(
  db: Db,
  statements: T,
): Promise<BatchResponse<T>> {
  const d1 = db.$client;
  const prepared = statements.map((s) => (s as unknown as { _prepare(): Prepared })._prepare());
  const results = await d1.batch(
    prepared.map((p) => {
      const q = p.getQuery();
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
  return results.map((r, i) => prepared[i]!.mapResult(r, true)) as BatchResponse<T>;
}
