import { sql, type SQL } from "drizzle-orm";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import type { Snapshot } from "../shared/config/snapshot";
import { recordTitle } from "../shared/records/title";
import { entityFromSnapshot, ownerScoped, type EntityContext } from "./records/entity";
import { COLUMNS, fromRaw, presentRecord, type RawRow } from "./records/read";
import { ensureSearchable, ftsMatch, snippetOf, type Snippet } from "./records/search-text";

// Global search: one FTS5 query over every entity the caller can read, each entity's terms
// scoped to it (search-text.ts), so it reads those entities' doclists only. The index holds only
// fields every member may read, so what matches never depends on a hidden value; results are
// redacted like any read, and owner-scoped entities show agents only their own records.
// Relevance (bm25) orders the candidates, newest first among equals; then records whose title
// starts with the query lead. Each hit carries a snippet: the indexed field with the words marked.

export type SearchHit = {
  entity: string;
  id: string;
  title: string;
  record: ReturnType<typeof presentRecord>;
  snippet: Snippet | null;
};

const CANDIDATES_PER_RESULT = 4;

export type SearchInput = { snapshot: Snapshot; configVersion: number; q: string; limit: number; entities?: string[] };

export async function searchAll(tdb: TenantDb, principal: Principal, input: SearchInput): Promise<SearchHit[]> {
  const contexts = entityContexts(input).filter((c) => !input.entities || input.entities.includes(c.entity));
  const match = ftsMatch(
    tdb.tenantId,
    input.q,
    contexts.map((c) => c.entity),
  );
  if (!match || contexts.length === 0) return [];
  for (const ctx of contexts) await ensureSearchable(tdb, ctx.entity, ctx.form);
  const byEntity = new Map(contexts.map((c) => [c.entity, c]));
  const rows = await tdb.db.values<RawRow>(sql`
    SELECT ${COLUMNS} FROM records_search JOIN records ON records.search_rowid = records_search.rowid
    WHERE records_search MATCH ${match} AND records.tenant_id = ${tdb.tenantId} AND records.deleted_at IS NULL
      AND records.entity IN (${sql.join(
        [...byEntity.keys()].map((e) => sql`${e}`),
        sql`, `,
      )}) AND ${ownerClause(contexts, principal)}
    ORDER BY bm25(records_search), records.created_at DESC, records.id DESC
    LIMIT ${input.limit * CANDIDATES_PER_RESULT}`);
  const hits = rows.map((raw) => {
    const row = fromRaw(raw);
    const ctx = byEntity.get(row.entity)!;
    const record = presentRecord(row, ctx, principal.role);
    return {
      entity: row.entity,
      id: row.id,
      title: recordTitle(record, ctx.form, principal.role),
      record,
      snippet: snippetOf(ctx.form, row.data, input.q),
    };
  });
  return rank(hits, input.q).slice(0, input.limit);
}

function entityContexts(input: SearchInput): EntityContext[] {
  return Object.keys(input.snapshot.form ?? {})
    .sort()
    .flatMap((entity) => entityFromSnapshot(input.snapshot, input.configVersion, entity) ?? []);
}

// Agents see only their own or assigned records of owner-scoped entities.
function ownerClause(contexts: EntityContext[], principal: Principal): SQL {
  const scoped = contexts.filter((c) => ownerScoped(c, principal.role)).map((c) => sql`${c.entity}`);
  if (scoped.length === 0) return sql`1`;
  return sql`(records.entity NOT IN (${sql.join(scoped, sql`, `)}) OR records.owner_id = ${principal.userId}
    OR records.assignee_id = ${principal.userId})`;
}

// Title starts with the query, then a title word starts with it, then the rest (stable: by relevance).
function rank(hits: SearchHit[], q: string): SearchHit[] {
  const needle = q.trim().toLowerCase();
  const score = (h: SearchHit) => {
    const title = h.title.toLowerCase();
    if (title.startsWith(needle)) return 0;
    return title.split(/\s+/).some((w) => w.startsWith(needle)) ? 1 : 2;
  };
  return hits
    .map((h, i) => ({ h, i, s: score(h) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.h);
}
