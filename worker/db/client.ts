import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
  type RelationalSchemaConfig,
} from "drizzle-orm";
import { DrizzleD1Database } from "drizzle-orm/d1";
import { SQLiteD1Session } from "drizzle-orm/d1/session";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

// What `drizzle(d1, { schema })` computes on every call, computed once per isolate: walking the
// schema's ~40 tables for the relational config was a tenth of a record read's CPU time, and a
// request opens three handles (control, shard session, the tenant object's).
const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
type Tables = ExtractTablesWithRelations<typeof schema>;
const relational = {
  fullSchema: schema,
  schema: tables.tables as Tables,
  tableNamesMap: tables.tableNamesMap,
} satisfies RelationalSchemaConfig<Tables>;
const dialect = new SQLiteAsyncDialect();

// A handle per binding object: the control database's binding is the same object on every
// request of an isolate; a D1 session is new each request (and then so is its handle).
const handles = new WeakMap<D1Database, Db>();

/** The drizzle handle of a D1 database or session (the same as drizzle-orm/d1's `drizzle`). */
export function createDb(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) {
    const session = new SQLiteD1Session<typeof schema, Tables>(d1, dialect, relational, {});
    db = Object.assign(new DrizzleD1Database("async", dialect, session, relational), { $client: d1 }) as Db;
    handles.set(d1, db);
  }
  return db;
}
