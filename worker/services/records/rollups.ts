import { sql, type SQL } from "drizzle-orm";
import type { TenantDb } from "../../db/tenant-db";
import { tenantLocale } from "../../shared/config/condition-scope";
import type { FormField, RollupConfig } from "../../shared/config/form";
import { getItem, type Snapshot } from "../../shared/config/snapshot";
import type { OutboxEvent } from "../events/drain";
import { entityFromSnapshot, type EntityContext } from "./entity";
import { isStaleWrite } from "./outbox";
import { ConditionCompiler } from "./query";
import { COLUMNS, fromRaw, type RawRow, type RecordRow } from "./read";
import { writeComputed } from "./write";

// Roll-ups (spec/config.md "Computed fields") are kept current by the outbox drain: an event of
// a child record marks its parents — the old and the new one when the reference moved — and each
// parent's roll-ups are recomputed by one SQL aggregate over its live children, never by deltas,
// so two child writes racing each other cannot lose an update: whichever event is drained last
// recomputes from rows that include both. A parent whose values did not change is not written
// (no event), and writes more than MAX_ROLLUP_DEPTH hops from a person's stop, so roll-ups of
// roll-ups (or a formula feeding one back) cannot loop for ever.

export const MAX_ROLLUP_DEPTH = 8;
const STALE_RETRIES = 5;

export type RollupDef = { parent: string; field: Pick<FormField, "name">; rollup: RollupConfig };

/** Every roll-up of the snapshot that aggregates records of `child`. */
export function rollupsOver(snapshot: Snapshot, child: string): RollupDef[] {
  const out: RollupDef[] = [];
  for (const [parent, items] of Object.entries(snapshot.form ?? {})) {
    const form = (items as Record<string, unknown>).default as { fields?: FormField[] } | undefined;
    for (const field of form?.fields ?? []) {
      if (field.type === "rollup" && field.rollup?.entity === child) out.push({ parent, field, rollup: field.rollup });
    }
  }
  return out;
}

/** Roll-up fields of `entity` itself. */
export function rollupFieldsOf(ctx: Pick<EntityContext, "form">): (FormField & { rollup: RollupConfig })[] {
  return ctx.form.fields.filter(
    (f): f is FormField & { rollup: RollupConfig } => f.type === "rollup" && f.rollup !== undefined,
  );
}

const RECORD_EVENTS = new Set(["record.created", "record.updated", "record.transitioned", "record.deleted"]);

/** Parents to recompute, per parent entity: id → the deepest event that touched it. */
export type DirtyParents = Map<string, Map<string, number>>;

/** Adds the parents an event's record points at (before and after) to `dirty`. */
export function markDirty(dirty: DirtyParents, event: OutboxEvent, snapshot: Snapshot): void {
  if (!event.entity || !RECORD_EVENTS.has(event.type)) return;
  if ((event.depth ?? 0) >= MAX_ROLLUP_DEPTH) {
    console.warn("roll-up chain too deep; not followed", event.entity, event.recordId, event.depth);
    return;
  }
  const states = [event.before, event.after] as (Record<string, unknown> | null)[];
  for (const def of rollupsOver(snapshot, event.entity)) {
    for (const state of states) {
      const id = state?.[def.rollup.via];
      if (typeof id !== "string" || id === "") continue;
      const ids = dirty.get(def.parent) ?? new Map<string, number>();
      ids.set(id, Math.max(ids.get(id) ?? 0, event.depth ?? 0));
      dirty.set(def.parent, ids);
    }
  }
}

const AGGREGATES: Record<RollupConfig["op"], (x: SQL) => SQL> = {
  count: () => sql`count(*)`,
  sum: (x) => sql`coalesce(sum(${x}), 0)`,
  min: (x) => sql`min(${x})`,
  max: (x) => sql`max(${x})`,
  avg: (x) => sql`avg(${x})`,
};

/** The SQL aggregate of one roll-up over the live children of `parentId`. */
export function rollupStatement(
  tdb: TenantDb,
  snapshot: Snapshot,
  r: RollupConfig,
  parentId: string,
  now: number,
): SQL {
  const child = getItem(snapshot, "form", r.entity, "default");
  const via = sql.raw(`json_extract(records.data, '$.${r.via}')`);
  const value = r.field ? sql.raw(`json_extract(records.data, '$.${r.field}')`) : sql`1`;
  const numeric = r.field ? sql` AND json_type(records.data, ${`$.${r.field}`}) IN ('integer', 'real')` : sql``;
  let where = sql``;
  if (r.where && child) {
    const compiler = new ConditionCompiler({
      form: child,
      now,
      userId: "",
      timeZone: tenantLocale(snapshot).timeZone,
      resolveRef: (key) => getItem(snapshot, "condition", r.entity, key),
    });
    where = sql` AND coalesce((${compiler.compile(r.where)}), 0)`;
  }
  return sql`SELECT ${AGGREGATES[r.op](value)} FROM records
    WHERE records.tenant_id = ${tdb.tenantId} AND records.entity = ${r.entity} AND records.deleted_at IS NULL
      AND ${via} = ${parentId}${numeric}${where}`;
}

/** The current value of each of the parent's roll-ups, by SQL over its children. */
export async function rollupValues(
  tdb: TenantDb,
  ctx: EntityContext,
  parentId: string,
  now: number,
): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const f of rollupFieldsOf(ctx)) {
    const [row] = await tdb.db.values<[number | null]>(rollupStatement(tdb, ctx.snapshot, f.rollup, parentId, now));
    const v = row?.[0];
    out[f.name] = typeof v === "number" && Number.isFinite(v) ? v : null;
  }
  return out;
}

async function liveRow(tdb: TenantDb, entity: string, id: string): Promise<RecordRow | undefined> {
  const rows = await tdb.db.values<RawRow>(sql`SELECT ${COLUMNS} FROM records
    WHERE records.tenant_id = ${tdb.tenantId} AND records.entity = ${entity} AND records.id = ${id}
    AND records.deleted_at IS NULL LIMIT 1`);
  return rows[0] ? fromRaw(rows[0]) : undefined;
}

/**
 * Recomputes one record's roll-ups (and the formulas over them) and stores what changed. A write
 * racing this one makes the version guard trip: read again and recompute, a few times.
 * Returns whether the record was written.
 */
export async function recomputeRecord(
  tdb: TenantDb,
  ctx: EntityContext,
  id: string,
  opts: { now: number; depth?: number },
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const row = await liveRow(tdb, ctx.entity, id);
    if (!row) return false; // deleted, or a reference to a record of another entity
    const values = await rollupValues(tdb, ctx, id, opts.now);
    try {
      return (await writeComputed(tdb, ctx, row, values, opts)) !== null;
    } catch (error) {
      if (!isStaleWrite(error) || attempt >= STALE_RETRIES) throw error;
    }
  }
}

/** Recomputes every marked parent; their own events follow through the outbox. */
export async function recomputeDirty(
  tdb: TenantDb,
  snapshot: Snapshot,
  configVersion: number,
  dirty: DirtyParents,
  now: number,
): Promise<number> {
  let written = 0;
  for (const [entity, ids] of dirty) {
    const ctx = entityFromSnapshot(snapshot, configVersion, entity);
    if (!ctx || rollupFieldsOf(ctx).length === 0) continue;
    for (const [id, depth] of ids) {
      if (await recomputeRecord(tdb, ctx, id, { now, depth: depth + 1 })) written++;
    }
  }
  return written;
}
