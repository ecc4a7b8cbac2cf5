import { conditionFields } from "../../shared/config/evaluate";
import { SYSTEM_FIELDS } from "../../shared/config/common";
import type { Snapshot } from "../../shared/config/snapshot";
import { totalOrder } from "./paging";

// Published views sort and filter on fields inside the records' JSON. An expression index per
// such field over live records lets SQLite read a page in order and stop after `limit` rows
// instead of sorting the whole entity: (tenant, entity, json_extract(data, '$.field'), id) for
// filters, and for sorts the same on the field's sort key (coalesce(…, -9e999), see paging.ts),
// on which a keyset cursor is a range SQLite seeks to however deep the page is.
// Indexes are shared by all tenants using a field name; their number is capped because every
// index costs every record write a little.

export const MAX_FIELD_INDEXES = 40;

type ViewShape = { sort?: { field: string }[]; filter?: Parameters<typeof conditionFields>[0] };

function fieldsOfViews(snapshot: Snapshot, pick: (view: ViewShape) => string[]): string[] {
  const fields = new Set<string>();
  for (const views of Object.values(snapshot.view ?? {})) {
    for (const view of Object.values(views) as ViewShape[]) for (const f of pick(view)) fields.add(f);
  }
  return [...fields]
    .filter((f) => !(SYSTEM_FIELDS as readonly string[]).includes(f) && /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(f))
    .sort();
}

/** Form fields that published views sort or filter on (system fields have their own indexes). */
export function viewedFields(snapshot: Snapshot): string[] {
  return fieldsOfViews(snapshot, (v) => [
    ...(v.sort ?? []).map((s) => s.field),
    ...(v.filter ? conditionFields(v.filter) : []),
  ]);
}

/** Form fields that published views filter on: equality and ranges on json_extract(…). */
export function filteredFields(snapshot: Snapshot): string[] {
  return fieldsOfViews(snapshot, (v) => (v.filter ? conditionFields(v.filter) : []));
}

/** Form fields that published views sort on: their keyset pages seek on a sort-key index. */
export function sortedFields(snapshot: Snapshot): string[] {
  return fieldsOfViews(snapshot, (v) => (v.sort ?? []).map((s) => s.field));
}

/** The sort key of a form field as paging.ts compares it: total order over NULLs. */
export const sortKeyExpr = (field: string) => totalOrder(`json_extract(data, '$.${field}')`);

/** Reference fields roll-ups aggregate through: each recompute selects a parent's children by one. */
export function rollupViaFields(snapshot: Snapshot): string[] {
  const fields = new Set<string>();
  for (const items of Object.values(snapshot.form ?? {})) {
    const form = (items as Record<string, unknown>).default as
      | { fields?: { type?: string; rollup?: { via?: string } }[] }
      | undefined;
    for (const f of form?.fields ?? [])
      if (f.type === "rollup" && typeof f.rollup?.via === "string") fields.add(f.rollup.via);
  }
  return [...fields].filter((f) => /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(f)).sort();
}

/**
 * Reference fields: a record's related lists select the records pointing at it by one, newest
 * first (services/records/related.ts), whether the form names its lists or not.
 */
export function referenceFields(snapshot: Snapshot): string[] {
  const fields = new Set<string>();
  for (const items of Object.values(snapshot.form ?? {})) {
    const form = (items as Record<string, unknown>).default as
      | { fields?: { type?: string; name?: string }[] }
      | undefined;
    for (const f of form?.fields ?? []) if (f.type === "reference" && typeof f.name === "string") fields.add(f.name);
  }
  return [...fields].filter((f) => FIELD_NAME.test(f)).sort();
}

const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/**
 * Indexes a publish should have: filter indexes and sort-key indexes of its views, roll-ups'
 * references, and the related lists' (reference, newest first) indexes.
 */
export function ensureViewIndexes(d1: D1Database, snapshot: Snapshot): Promise<string[]> {
  const filtered = [...new Set([...filteredFields(snapshot), ...rollupViaFields(snapshot)])].sort();
  return ensureFieldIndexes(d1, filtered, sortedFields(snapshot), referenceFields(snapshot));
}

// SQLite index names are case-insensitive; field names are not.
function indexName(prefix: "f" | "k" | "r", field: string): string {
  let h = 0;
  for (const c of field) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `records_${prefix}_${field.toLowerCase()}_${h.toString(36)}`;
}

/**
 * Creates the missing indexes (idempotent); returns the names it created. `fields` get a value
 * index (records_f_*: filters), `sorted` a sort-key index (records_k_*: ordered, seekable pages),
 * `related` a reference index in list order (records_r_*: a record's related list reads its
 * newest rows and stops; with the value index alone SQLite walks the entity newest first instead).
 */
export async function ensureFieldIndexes(
  d1: D1Database,
  fields: string[],
  sorted: string[] = [],
  related: string[] = [],
): Promise<string[]> {
  const wanted = [
    ...fields.map((field) => ({ name: indexName("f", field), expr: `json_extract(data, '$.${field}')` })),
    ...sorted.map((field) => ({ name: indexName("k", field), expr: sortKeyExpr(field) })),
    ...related.map((field) => ({ name: indexName("r", field), expr: `json_extract(data, '$.${field}'), created_at` })),
  ];
  if (wanted.length === 0) return [];
  const existing = await d1
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND (name LIKE 'records_f_%' OR name LIKE 'records_k_%'
        OR name LIKE 'records_r_%')`,
    )
    .all<{ name: string }>();
  const have = new Set(existing.results.map((r) => r.name));
  const created: string[] = [];
  for (const { name, expr } of wanted) {
    if (have.has(name)) continue;
    if (have.size + created.length >= MAX_FIELD_INDEXES) break;
    await d1
      .prepare(
        `CREATE INDEX IF NOT EXISTS ${name} ON records (tenant_id, entity, ${expr}, id) WHERE deleted_at IS NULL`,
      )
      .run();
    created.push(name);
  }
  return created;
}
