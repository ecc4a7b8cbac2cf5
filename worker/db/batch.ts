import type { BatchItem } from "drizzle-orm/batch";
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

/** `db.batch` wants a non-empty tuple; the statements run atomically, all or none. */
export async function runBatch(db: Db, statements: Statement[]) {
  if (statements.length === 0) return [];
  return db.batch(statements as [Statement, ...Statement[]]);
}
