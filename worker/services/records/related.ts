import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import type { Condition } from "../../shared/config/condition";
import type { RelatedListConfig } from "../../shared/config/form";
import { canRead } from "../../shared/records/access";
import { entityFromSnapshot, type EntityContext } from "./entity";
import { readBatch } from "../../db/batch";
import { ensureFolded } from "./folded";
import {
  countOf,
  countStatement,
  foundRecord,
  listPage,
  listStatement,
  recordStatement,
  type presentRecord,
  type RawRow,
} from "./read";

// The 360° page's related lists: records of other entities whose reference field points at
// this record. The form's `related` chooses which lists and columns; without it every
// reference to the entity is listed. A list whose reference field the caller may not read is
// left out (its mere presence would say the link exists), and each record is redacted as usual.

export const RELATED_PER_GROUP = 20;
const DEFAULT_COLUMNS = 4;

export type RelatedGroup = {
  entity: string;
  field: string;
  title: string;
  columns: string[];
  total: number;
  items: ReturnType<typeof presentRecord>[];
};

/** Which (entity, via) pairs point at `ctx.entity`, in the form's order when it names them. */
export function relatedSources(ctx: EntityContext): RelatedListConfig[] {
  if (ctx.form.related) return ctx.form.related;
  const sources: RelatedListConfig[] = [];
  for (const entity of Object.keys(ctx.snapshot.form ?? {}).sort()) {
    const other = entityFromSnapshot(ctx.snapshot, ctx.configVersion, entity);
    for (const f of other?.form.fields ?? []) {
      if (f.type === "reference" && f.entity === ctx.entity) sources.push({ entity, via: f.name });
    }
  }
  return sources;
}

export type RelatedOptions = { limit?: number; now?: number };

/** The related lists of one record the caller can see (404 when they cannot see the record). */
export async function relatedRecords(
  tdb: TenantDb,
  ctx: EntityContext,
  principal: Principal,
  recordId: string,
  opts: RelatedOptions = {},
): Promise<RelatedGroup[]> {
  const limit = opts.limit ?? RELATED_PER_GROUP;
  const lists = relatedSources(ctx).flatMap((source) => {
    const other = entityFromSnapshot(ctx.snapshot, ctx.configVersion, source.entity);
    const via = other?.form.fields.find((f) => f.name === source.via);
    if (!other || !via || !canRead(via, principal.role)) return [];
    const where: Condition = { field: source.via, op: "eq", value: recordId };
    const page = listStatement(tdb, other, principal, { where: JSON.stringify(where), limit }, opts.now);
    const count = countStatement(tdb, other, principal, where, opts.now);
    return [{ source, other, page, count }];
  });
  for (const list of lists) if (list.page.usesFolded) await ensureFolded(tdb, list.other.entity);
  // The record and every list's page and total: one round trip, however many entities point here.
  const [record, ...answers] = await readBatch(tdb.db, [
    recordStatement(tdb, ctx, principal, recordId),
    ...lists.flatMap((l) => [tdb.db.values<RawRow>(l.page.statement), l.count]),
  ]);
  foundRecord(record); // 404 unless the caller may see it
  return lists.map(({ source, other, page }, i) => ({
    entity: source.entity,
    field: source.via,
    title: source.title ?? pluralTitle(other),
    columns: columnsOf(other, source, principal),
    total: countOf(answers[2 * i + 1] as [number][]),
    items: listPage(answers[2 * i] as RawRow[], page.keyset, other, principal, limit).items,
  }));
}

function columnsOf(other: EntityContext, source: RelatedListConfig, principal: Principal): string[] {
  const readable = other.form.fields.filter((f) => canRead(f, principal.role));
  if (source.columns) return source.columns.filter((c) => readable.some((f) => f.name === c));
  return readable
    .filter((f) => f.name !== source.via && f.type !== "textarea")
    .slice(0, DEFAULT_COLUMNS)
    .map((f) => f.name);
}

// "Deal" → "Deals", "Case" → "Cases", "Opportunity" → "Opportunities".
function pluralTitle(ctx: EntityContext): string {
  const t = ctx.form.title;
  if (/[^aeiou]y$/i.test(t)) return `${t.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/i.test(t)) return `${t}es`;
  return `${t}s`;
}
