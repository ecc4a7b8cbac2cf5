import { and, eq, isNull, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import { records } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { FormConfig } from "../../shared/config/form";

// Only fields every member may read go into the index, so a search cannot reveal a value
// through which records it matches.
export function searchText(form: FormConfig, data: Record<string, unknown>): string {
  return searchParts(form, data)
    .map((p) => p.text)
    .join(" \n ");
}

/** The indexed text of a record, field by field (snippets are cut from these). */
export function searchParts(form: FormConfig, data: Record<string, unknown>): { field: string; text: string }[] {
  const parts: { field: string; text: string }[] = [];
  for (const field of form.fields) {
    if (field.access?.read && field.access.read !== "read_only") continue;
    const value = data[field.name];
    if (typeof value === "string") parts.push({ field: field.name, text: value });
    else if (typeof value === "number") parts.push({ field: field.name, text: String(value) });
    else if (Array.isArray(value))
      parts.push(
        ...value.filter((v): v is string => typeof v === "string").map((text) => ({ field: field.name, text })),
      );
  }
  return parts;
}

// records_search (migration 0020) holds, per record, its words each prefixed by the scope token
// of its tenant and entity: "Acme Corp" in tenant t's customers is "s1k2…acme s1k2…corp". A query
// term is the same scope plus the word, as a prefix ("s1k2…acm"*): it can only match tokens of
// that scope, so a search touches one entity's rows however large the tenant or the database.
// Words are folded here (NFKD, marks removed, lower case, letters and digits only), so the FTS
// tokenizer sees ASCII-alphanumeric scope tokens glued to already-folded words.

const SCOPE_LENGTH = 15;
const MAX_QUERY_WORDS = 12;

/** The scope token of (tenant, entity): "s" and 14 base-36 digits of two 32-bit FNV-1a hashes. */
export function scopeToken(tenantId: string, entity: string): string {
  const text = `${tenantId}\u0000${entity}`;
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(36).padStart(7, "0");
  };
  const token = `s${fnv(0x811c9dc5)}${fnv(0x050c5d1f)}`;
  return token.slice(0, SCOPE_LENGTH);
}

/** The folded words of a text, as they are indexed and queried. */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const indexedBody = (scope: string, text: string) =>
  searchWords(text)
    .map((w) => scope + w)
    .join(" ");

/**
 * The search entry of a record about to be inserted: it must come immediately before the
 * records insert, whose search_rowid is last_insert_rowid() (newSearchRowid).
 */
export function indexInsert(tdb: TenantDb, entity: string, text: string): Statement {
  return tdb.db.run(
    sql`INSERT INTO records_search (body) VALUES (${indexedBody(scopeToken(tdb.tenantId, entity), text)})`,
  );
}

/** search_rowid of a record inserted right after indexInsert. */
export const newSearchRowid = sql`last_insert_rowid()`;

/** Replaces a record's search entry in place (records not indexed yet are left to ensureSearchable). */
export function reindexStatement(tdb: TenantDb, entity: string, recordId: string, text: string): Statement {
  return tdb.db.run(sql`INSERT OR REPLACE INTO records_search (rowid, body)
    SELECT search_rowid, ${indexedBody(scopeToken(tdb.tenantId, entity), text)} FROM records
    WHERE tenant_id = ${tdb.tenantId} AND id = ${recordId} AND search_rowid IS NOT NULL`);
}

/** Removes a record's search entry; the caller sets its search_rowid to NULL in the same batch. */
export function unindexStatement(tdb: TenantDb, recordId: string): Statement {
  return tdb.db.run(
    sql`DELETE FROM records_search WHERE rowid = (SELECT search_rowid FROM records WHERE tenant_id = ${tdb.tenantId}
      AND id = ${recordId})`,
  );
}

/**
 * The FTS5 query for `q` within entities of one tenant: every word must match; the last one as a
 * prefix, the ones before it as whole words ("prefix last", as search-as-you-type works: the
 * words before the cursor are finished). A prefix term is materialized in full — `customer*`
 * reads every customer's entry, an exact `customer` a few times less — so only the word being
 * typed pays for it. A trailing space finishes the last word too.
 */
export function ftsMatch(tenantId: string, q: string, entities: string[]): string | null {
  const words = searchWords(q).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0 || entities.length === 0) return null;
  const typing = !/\s$/.test(q);
  const one = (entity: string) => {
    const scope = scopeToken(tenantId, entity);
    const term = (w: string, i: number) => `"${scope}${w}"${typing && i === words.length - 1 ? "*" : ""}`;
    return `(${words.map(term).join(" AND ")})`;
  };
  return entities.map(one).join(" OR ");
}

// Per isolate: entities whose live rows all have a search entry (new writes always do).
const searchable = new Set<string>();
const BATCH = 100;

/** Indexes the entity's rows that have no search entry yet (rows older than migration 0020). */
export async function ensureSearchable(tdb: TenantDb, entity: string, form: FormConfig): Promise<void> {
  const key = `${tdb.tenantId}\u0000${entity}`;
  if (searchable.has(key)) return;
  for (;;) {
    const rows = await tdb.db
      .select({ id: records.id, data: records.data })
      .from(records)
      .where(tdb.scope(records, eq(records.entity, entity), isNull(records.searchRowid), isNull(records.deletedAt)))
      .limit(BATCH);
    if (rows.length === 0) break;
    // Pairs: the entry, then the record takes its rowid (unless another isolate was first; its
    // entry then stays an orphan no record points at, which no search can return).
    await runBatch(
      tdb.db,
      rows.flatMap((r) => [
        indexInsert(tdb, entity, searchText(form, r.data as Record<string, unknown>)),
        tdb.db
          .update(records)
          .set({ searchRowid: newSearchRowid })
          .where(and(tdb.scope(records, eq(records.id, r.id)), isNull(records.searchRowid))),
      ]),
    );
    if (rows.length < BATCH) break;
  }
  searchable.add(key);
}

/** Where the query's words occur in a record's indexed text: the first field that has them. */
export type Snippet = { field: string; text: string; marks: [number, number][] };

const SNIPPET_CHARS = 120;

export function snippetOf(form: FormConfig, data: Record<string, unknown>, q: string): Snippet | null {
  const words = searchWords(q).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  let best: Snippet | null = null;
  for (const { field, text } of searchParts(form, data)) {
    const marks: [number, number][] = [];
    for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      const folded = searchWords(m[0]).join("");
      if (words.some((w) => folded.startsWith(w))) marks.push([m.index, m.index + m[0].length]);
    }
    if (marks.length > (best?.marks.length ?? 0)) best = { field, text, marks };
  }
  if (!best || best.text.length <= SNIPPET_CHARS) return best;
  // Long text: a window around the first mark, with the marks inside it.
  const start = Math.max(0, Math.min(best.marks[0]![0] - 30, best.text.length - SNIPPET_CHARS));
  const end = start + SNIPPET_CHARS;
  const marks = best.marks
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]) => [a - start, b - start] as [number, number]);
  return {
    field: best.field,
    text: (start > 0 ? "…" : "") + best.text.slice(start, end) + (end < best.text.length ? "…" : ""),
    marks: marks.map(([a, b]) => (start > 0 ? [a + 1, b + 1] : [a, b]) as [number, number]),
  };
}
