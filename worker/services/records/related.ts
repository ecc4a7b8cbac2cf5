import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import type { Condition } from "../../shared/config/condition";
import type { RelatedListConfig } from "../../shared/config/form";
import { canRead } from "../../shared/records/access";
import { entityFromSnapshot, type EntityContext } from "./entity";
import { countRecords, getRecordRow, listRecords, type presentRecord } from "./read";

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
  await getRecordRow(tdb, ctx, principal, recordId);
  const limit = opts.limit ?? RELATED_PER_GROUP;
  // Every list at once: one round of queries, however many entities point here.
  const groups = await Promise.all(
    relatedSources(ctx).map(async (source): Promise<RelatedGroup | null> => {
      const other = entityFromSnapshot(ctx.snapshot, ctx.configVersion, source.entity);
      const via = other?.form.fields.find((f) => f.name === source.via);
      if (!other || !via || !canRead(via, principal.role)) return null;
      const where: Condition = { field: source.via, op: "eq", value: recordId };
      const [page, total] = await Promise.all([
        listRecords(tdb, other, principal, { where: JSON.stringify(where), limit }, opts.now),
        countRecords(tdb, other, principal, where, opts.now),
      ]);
      return {
        entity: source.entity,
        field: source.via,
        title: source.title ?? pluralTitle(other),
        columns: columnsOf(other, source, principal),
        total,
        items: page.items,
      };
    }),
  );
  return groups.filter((g): g is RelatedGroup => g !== null);
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
