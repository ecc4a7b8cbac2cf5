import { conditionFields } from "../../shared/config/evaluate";
import { SYSTEM_FIELDS } from "../../shared/config/common";
import type { Snapshot } from "../../shared/config/snapshot";

// Published views sort and filter on fields inside the records' JSON. An expression index per
// such field — (tenant, entity, json_extract(data, '$.field'), id) over live records — lets
// SQLite read a page in order and stop after `limit` rows instead of sorting the whole entity.
// Indexes are shared by all tenants using a field name; their number is capped because every
// index costs every record write a little.

export const MAX_FIELD_INDEXES = 40;

/** Form fields that published views sort or filter on (system fields have their own indexes). */
export function viewedFields(snapshot: Snapshot): string[] {
  const fields = new Set<string>();
  for (const views of Object.values(snapshot.view ?? {})) {
    for (const view of Object.values(views) as { sort?: { field: string }[]; filter?: Parameters<typeof conditionFields>[0] }[]) {
      for (const s of view.sort ?? []) fields.add(s.field);
      if (view.filter) for (const f of conditionFields(view.filter)) fields.add(f);
    }
  }
  return [...fields].filter((f) => !(SYSTEM_FIELDS as readonly string[]).includes(f) && /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(f)).sort();
}

// SQLite index names are case-insensitive; field names are not.
function indexName(field: string): string {
  let h = 0;
  for (const c of field) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `records_f_${field.toLowerCase()}_${h.toString(36)}`;
}

/** Creates the missing indexes (idempotent); returns the names it created. */
export async function ensureFieldIndexes(d1: D1Database, fields: string[]): Promise<string[]> {
  if (fields.length === 0) return [];
  const existing = await d1.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'records_f_%'`).all<{ name: string }>();
  const have = new Set(existing.results.map((r) => r.name));
  const created: string[] = [];
  for (const field of fields) {
    const name = indexName(field);
    if (have.has(name)) continue;
    if (have.size + created.length >= MAX_FIELD_INDEXES) break;
    await d1.prepare(`CREATE INDEX IF NOT EXISTS ${name} ON records (tenant_id, entity, json_extract(data, '$.${field}'), id) WHERE deleted_at IS NULL`).run();
    created.push(name);
  }
  return created;
}
