import { sql, type SQL } from "drizzle-orm";
import type { TenantDb } from "../../db/tenant-db";
import { badRequest, forbidden, notFound } from "../../lib/errors";
import type { Principal } from "../../lib/app-env";
import { conditionSchema, type Condition } from "../../shared/config/condition";
import { getItem } from "../../shared/config/snapshot";
import { canRead, redactRecordData } from "../../shared/records/access";
import { conditionFields } from "../../shared/config/evaluate";
import { ownerScoped, type EntityContext } from "./entity";
import { DEFAULT_SORT, Keyset, parseSort, SEARCH_ORDER } from "./paging";
import { ConditionCompiler } from "./query";
import { ensureFolded } from "./folded";
import { fieldTypesOf, tenantLocale } from "../../shared/config/condition-scope";
import { conditionTypeIssues } from "../../shared/config/condition-types";
import { ensureSearchable, ftsMatch } from "./search-text";

export type RecordRow = {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  status: string | null;
  version: number;
  ownerId: string | null;
  assigneeId: string | null;
  createdAt: number;
  updatedAt: number;
  createdBy: string | null;
  updatedBy: string | null;
};

export const COLUMNS = sql.raw(
  "records.id, records.entity, records.data, records.status, records.version, records.owner_id, " +
    "records.assignee_id, records.created_at, records.updated_at, records.created_by, records.updated_by",
);

export type RawRow = [
  string,
  string,
  string,
  string | null,
  number,
  string | null,
  string | null,
  number,
  number,
  string | null,
  string | null,
  ...unknown[],
];

export function fromRaw(r: RawRow): RecordRow {
  return {
    id: r[0],
    entity: r[1],
    data: JSON.parse(r[2]) as Record<string, unknown>,
    status: r[3],
    version: r[4],
    ownerId: r[5],
    assigneeId: r[6],
    createdAt: r[7],
    updatedAt: r[8],
    createdBy: r[9],
    updatedBy: r[10],
  };
}

/** A record as the API returns it, without the fields the caller's role may not read. */
export function presentRecord(row: RecordRow, ctx: EntityContext, role: Principal["role"]) {
  return {
    id: row.id,
    entity: row.entity,
    data: redactRecordData(row.data, ctx.form, role),
    version: row.version,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    ownerId: row.ownerId,
    ...(ctx.workflow ? { status: row.status } : {}),
  };
}

function baseWhere(tdb: TenantDb, ctx: EntityContext, principal: Principal): SQL {
  const scope = sql`records.tenant_id = ${tdb.tenantId} AND records.entity = ${ctx.entity}
    AND records.deleted_at IS NULL`;
  if (!ownerScoped(ctx, principal.role)) return scope;
  return sql`${scope} AND (records.owner_id = ${principal.userId} OR records.assignee_id = ${principal.userId})`;
}

export async function getRecordRow(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  id: string,
): Promise<RecordRow> {
  return foundRecord(await recordStatement(tdb, ctx, principal, id));
}

/** The one record the caller may see, as a statement (to read in a batch with others: `foundRecord`). */
export function recordStatement(tdb: TenantDb, ctx: EntityContext, principal: Principal, id: string) {
  return tdb.db.values<RawRow>(
    sql`SELECT ${COLUMNS} FROM records WHERE ${baseWhere(tdb, ctx, principal)} AND records.id = ${id} LIMIT 1`,
  );
}

/** `recordStatement`'s answer: the record, or a 404. */
export function foundRecord(rows: RawRow[]): RecordRow {
  if (!rows[0]) throw notFound("No such record");
  return fromRaw(rows[0]);
}

export type ListQuery = { view?: string; where?: string; sort?: string; limit: number; cursor?: string; q?: string };

export async function listRecords(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  query: ListQuery,
  now = Date.now(),
) {
  const { statement, keyset, usesFolded } = listStatement(tdb, ctx, principal, query, now);
  if (usesFolded) await ensureFolded(tdb, ctx.entity);
  if (query.q) await ensureSearchable(tdb, ctx.entity, ctx.form);
  return listPage(await tdb.db.values<RawRow>(statement), keyset, ctx, principal, query.limit);
}

/** A page from `listStatement`'s rows: `limit` records, and the cursor when there are more. */
export function listPage(rows: RawRow[], keyset: Keyset, ctx: EntityContext, principal: Principal, limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentRecord(fromRaw(r), ctx, principal.role)),
    nextCursor: rows.length > limit && last ? keyset.encode(JSON.parse(String(last[11])) as unknown[]) : null,
  };
}

/** The SQL of one page (limit + 1 rows: the extra one says whether there is a next page). */
export function listStatement(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  query: ListQuery,
  now = Date.now(),
) {
  const { timeZone } = tenantLocale(ctx.snapshot);
  const compiler = new ConditionCompiler({
    form: ctx.form,
    now,
    userId: principal.userId,
    resolveRef: ctx.resolveRef,
    timeZone,
  });
  const view = query.view ? getItem(ctx.snapshot, "view", ctx.entity, query.view) : undefined;
  if (query.view && !view) throw notFound(`There is no view "${query.view}" of ${ctx.entity}`);
  const filters: SQL[] = [baseWhere(tdb, ctx, principal)];
  if (view?.filter) filters.push(compiler.compile(view.filter));
  const where = query.where ? parseWhere(query.where, ctx) : undefined;
  const sort = parseSort(query.sort);
  // A caller may not filter or sort by what their role may not read: the order or the
  // matches would reveal the values. (Published views are the admin's and may.)
  assertReadable(ctx, principal.role, [...(where ? conditionFields(where) : []), ...(sort ?? []).map((s) => s.field)]);
  if (where) filters.push(compiler.compile(where));
  // A search in no order of its own is read from the search index, newest entry first (paging.ts).
  const searchOrder = Boolean(query.q) && !sort && !view?.sort;
  if (query.q) filters.push(searchFilter(tdb.tenantId, ctx.entity, query.q, compiler, searchOrder));
  const keyset = new Keyset(compiler, searchOrder ? SEARCH_ORDER : (sort ?? view?.sort ?? DEFAULT_SORT));
  const after = keyset.after(query.cursor);
  if (after) filters.push(after);

  const from = searchOrder
    ? sql`records_search JOIN records ON records.search_rowid = records_search.rowid`
    : sql`records`;
  const statement = sql`SELECT ${COLUMNS}, ${keyset.selectKeys()} FROM ${from} WHERE ${sql.join(filters, sql` AND `)}
    ORDER BY ${keyset.orderBy()} LIMIT ${compiler.bind(query.limit + 1)}`;
  return { statement, keyset, usesFolded: compiler.usesFolded };
}

/** How many records of the entity the caller can see match `where` (no paging, no sort), as a statement
 * to read in a batch with others (`countOf`). */
export function countStatement(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  where: Condition,
  now = Date.now(),
) {
  const { timeZone } = tenantLocale(ctx.snapshot);
  const compiler = new ConditionCompiler({
    form: ctx.form,
    now,
    userId: principal.userId,
    resolveRef: ctx.resolveRef,
    timeZone,
  });
  return tdb.db.values<[number]>(
    sql`SELECT count(*) FROM records WHERE ${baseWhere(tdb, ctx, principal)} AND ${compiler.compile(where)}`,
  );
}

export const countOf = (rows: [number][]) => Number(rows[0]?.[0] ?? 0);

function assertReadable(ctx: EntityContext, role: Principal["role"], fields: string[]) {
  const hidden = fields.filter((name) => {
    const field = ctx.form.fields.find((f) => f.name === name);
    return field && !canRead(field, role);
  });
  if (hidden.length) throw forbidden(`Your role may not filter or sort by ${[...new Set(hidden)].join(", ")}`);
}

function parseWhere(text: string, ctx: EntityContext): Condition {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw badRequest("where must be a URL-encoded JSON condition");
  }
  const parsed = conditionSchema.safeParse(raw);
  if (!parsed.success) {
    throw badRequest(
      "where is not a valid condition",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  // A value that does not fit its field, or an operator its type lacks, is a mistake to report,
  // not a filter that silently matches nothing.
  const misfits = conditionTypeIssues(parsed.data, (field) => fieldTypesOf(ctx.form).get(field));
  if (misfits.length)
    throw badRequest(
      "where does not fit the fields' types",
      misfits.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return parsed.data;
}

/** `q` as SQL: on the joined search index when the page is read from it, else a rowid set. */
function searchFilter(tenantId: string, entity: string, q: string, compiler: ConditionCompiler, joined: boolean): SQL {
  const match = ftsMatch(tenantId, q, [entity]);
  if (!match) return sql`0`;
  if (joined) return sql`records_search MATCH ${compiler.bind(match)}`;
  return sql`records.search_rowid IN (SELECT rowid FROM records_search
    WHERE records_search MATCH ${compiler.bind(match)})`;
}
