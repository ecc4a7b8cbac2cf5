import { sql } from "drizzle-orm";
import type { TenantDb } from "../../db/tenant-db";
import type { FormConfig } from "../../shared/config/form";

// Only fields every member may read go into the index, so a search cannot reveal a value
// through which records it matches.
export function searchText(form: FormConfig, data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const field of form.fields) {
    if (field.access?.read && field.access.read !== "read_only") continue;
    const value = data[field.name];
    if (typeof value === "string") parts.push(value);
    else if (typeof value === "number") parts.push(String(value));
    else if (Array.isArray(value)) parts.push(...value.filter((v): v is string => typeof v === "string"));
  }
  return parts.join(" \n ");
}

/** (Re)indexes a record: its search row is keyed by records.search_rowid. */
export function indexStatements(tdb: TenantDb, recordId: string, text: string) {
  return [
    tdb.db.run(sql`DELETE FROM records_fts WHERE rowid = (SELECT search_rowid FROM records WHERE tenant_id = ${tdb.tenantId} AND id = ${recordId})`),
    tdb.db.run(sql`INSERT INTO records_fts (rowid, tenant, body) SELECT search_rowid, ${tdb.tenantId}, ${text} FROM records WHERE tenant_id = ${tdb.tenantId} AND id = ${recordId}`),
  ];
}

export function unindexStatement(tdb: TenantDb, recordId: string) {
  return tdb.db.run(sql`DELETE FROM records_fts WHERE rowid = (SELECT search_rowid FROM records WHERE tenant_id = ${tdb.tenantId} AND id = ${recordId})`);
}

/** The FTS5 query for `q` within one tenant's rows: every word must match, as a prefix. */
export function ftsMatch(tenantId: string, q: string): string | null {
  const words = q.normalize("NFKC").match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (words.length === 0) return null;
  return `tenant : "${tenantId}" AND body : (${words.map((w) => `"${w}"*`).join(" AND ")})`;
}
