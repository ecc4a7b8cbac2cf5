import { eq, inArray, isNull } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import { memberships, recordUniques, records } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { ApiError, conflict, preconditionFailed, validationFailed, type ErrorDetail } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { validateRecordValues, type ValidateOptions, type ValidValues } from "../../shared/records/validate-values";
import { auditInsert } from "../audit";
import type { EntityContext } from "./entity";
import { eventInsert, isStaleWrite, isUniqueClash, versionGuard, type RecordEventType } from "./outbox";
import { getRecordRow, type RecordRow } from "./read";
import { tenantLocale } from "../../shared/config/condition-scope";
import { foldedCopy } from "./folded";
import { withFormulas } from "../../shared/formula/fields";
import { indexInsert, newSearchRowid, reindexStatement, searchText, unindexStatement } from "./search-text";

const ASSIGNEE_FIELD = "assignee";

type Actor = Pick<Principal, "userId" | "role">;

/** How automations write: statements that lead the same batch (their effect marker, first so a
 *  repeat fails on it before anything else), how many automation hops deep the change is,
 *  read-only fields allowed, and the new record's owner. */
export type WriteOptions = { first?: Statement[]; depth?: number; allowReadOnly?: boolean; ownerId?: string | null };

/** Creates a record: validation by the published form, then one atomic batch. */
export async function createRecord(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Actor,
  input: unknown,
  now = Date.now(),
  opts: WriteOptions = {},
): Promise<RecordRow> {
  const checked = validateRecordValues(ctx.form, input, {
    ...createOptions(ctx, actor, now),
    allowReadOnly: opts.allowReadOnly,
  });
  if (!checked.ok) throw refusal(checked.status, checked.errors);
  await assertReferences(tdb, checked);
  const { row, statements, claims } = newRecordWrite(tdb, ctx, actor, checked, now, opts);
  await commit(tdb, ctx, [...(opts.first ?? []), ...statements], claims);
  return row;
}

/** How a new record's values are validated: the same for one record (POST) and many (import). */
export function createOptions(ctx: EntityContext, actor: Actor, now: number): ValidateOptions {
  return {
    mode: "create",
    role: actor.role,
    now,
    userId: actor.userId,
    system: { ownerId: actor.userId },
    resolveRef: ctx.resolveRef,
    ...tenantLocale(ctx.snapshot),
  };
}

export type Claim = { field: string; value: string };

/**
 * The row and every statement that creates it: the record, its unique claims, its search entry,
 * its audit row and its outbox event. Callers put the statements in one batch (with others).
 */
export function newRecordWrite(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Actor,
  checked: ValidValues,
  now: number,
  opts: WriteOptions = {},
): { row: RecordRow; statements: Statement[]; claims: Claim[] } {
  const claims = claimsOf(checked.unique);
  const status = ctx.workflow?.initial ?? null;
  const row: RecordRow = {
    id: newId("rec"),
    entity: ctx.entity,
    data: withStepProbability(ctx, checked.data, status, now),
    status,
    version: 1,
    ownerId: opts.ownerId === undefined ? actor.userId : opts.ownerId,
    assigneeId: assigneeOf(checked.data),
    createdAt: now,
    updatedAt: now,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  };
  // Nothing is read first: the search entry takes the next rowid of its table and the record
  // copies it (last_insert_rowid(), so the two statements stay adjacent).
  const statements: Statement[] = [
    indexInsert(tdb, ctx.entity, searchText(ctx.form, row.data)),
    tdb.db.insert(records).values(tdb.own({ ...row, fold: foldedCopy(row.data), searchRowid: newSearchRowid })),
    ...claims.map((u) =>
      tdb.db
        .insert(recordUniques)
        .values(tdb.own({ entity: ctx.entity, field: u.field, value: u.value, recordId: row.id })),
    ),
    auditInsert(tdb, {
      actorId: actor.userId,
      action: "record.created",
      targetType: "record",
      targetId: row.id,
      after: { ...row.data, ...(row.status ? { status: row.status } : {}) },
      at: now,
    }),
    eventInsert(tdb, {
      type: "record.created",
      entity: ctx.entity,
      recordId: row.id,
      actorId: actor.userId,
      before: null,
      after: snapshotOf(row),
      configVersion: ctx.configVersion,
      depth: opts.depth,
      at: now,
    }),
  ];
  return { row, statements, claims };
}

/** A partial update. `expectedVersion` (from If-Match) turns it into a compare-and-swap. */
export async function updateRecord(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Principal,
  id: string,
  input: unknown,
  expectedVersion?: number,
  now = Date.now(),
  opts: WriteOptions = {},
): Promise<RecordRow> {
  const before = await getRecordRow(tdb, ctx, actor, id);
  if (expectedVersion !== undefined && expectedVersion !== before.version) throw preconditionFailed();
  const checked = validateRecordValues(ctx.form, input, {
    mode: "update",
    existing: before.data,
    role: actor.role,
    now,
    userId: actor.userId,
    system: {
      status: before.status,
      ownerId: before.ownerId,
      createdAt: before.createdAt,
      updatedAt: before.updatedAt,
    },
    resolveRef: ctx.resolveRef,
    ...tenantLocale(ctx.snapshot),
    allowReadOnly: opts.allowReadOnly,
  });
  if (!checked.ok) throw refusal(checked.status, checked.errors);
  if (checked.changed.length === 0) {
    // Nothing to change, but statements riding on this write (an approval decision) still commit.
    if (opts.first?.length) await runBatch(tdb.db, opts.first);
    return before;
  }
  await assertReferences(tdb, checked);
  const claims = claimsOf(checked.unique);
  const after: RecordRow = {
    ...before,
    data: checked.data,
    version: before.version + 1,
    assigneeId: assigneeOf(checked.data),
    updatedAt: now,
    updatedBy: actor.userId,
  };
  const uniqueFields = ctx.form.fields.filter((f) => f.unique && checked.changed.includes(f.name)).map((f) => f.name);
  const statements: Statement[] = [
    ...(opts.first ?? []),
    versionGuard(tdb, id, before.version),
    tdb.db
      .update(records)
      .set({
        data: after.data,
        fold: foldedCopy(after.data),
        version: after.version,
        assigneeId: after.assigneeId,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(tdb.scope(records, eq(records.id, id))),
    ...(uniqueFields.length
      ? [
          tdb.db
            .delete(recordUniques)
            .where(
              tdb.scope(recordUniques, eq(recordUniques.recordId, id), inArray(recordUniques.field, uniqueFields)),
            ),
        ]
      : []),
    ...claims.map((u) =>
      tdb.db
        .insert(recordUniques)
        .values(tdb.own({ entity: ctx.entity, field: u.field, value: u.value, recordId: id })),
    ),
    reindexStatement(tdb, ctx.entity, id, searchText(ctx.form, after.data)),
    auditInsert(tdb, {
      actorId: actor.userId,
      action: "record.updated",
      targetType: "record",
      targetId: id,
      ...changesOf(before.data, after.data, checked.changed),
      at: now,
    }),
    eventInsert(tdb, {
      type: "record.updated",
      entity: ctx.entity,
      recordId: id,
      actorId: actor.userId,
      before: snapshotOf(before),
      after: snapshotOf(after),
      configVersion: ctx.configVersion,
      depth: opts.depth,
      at: now,
    }),
  ];
  await commit(tdb, ctx, statements, claims, expectedVersion !== undefined);
  return after;
}

/** Soft delete: gone from reads, kept in the audit trail; its unique values are freed. */
export async function deleteRecord(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Principal,
  id: string,
  expectedVersion?: number,
  now = Date.now(),
): Promise<void> {
  const before = await getRecordRow(tdb, ctx, actor, id);
  if (expectedVersion !== undefined && expectedVersion !== before.version) throw preconditionFailed();
  await commit(
    tdb,
    ctx,
    [
      versionGuard(tdb, id, before.version),
      unindexStatement(tdb, id),
      tdb.db
        .update(records)
        .set({
          deletedAt: now,
          deletedBy: actor.userId,
          version: before.version + 1,
          updatedAt: now,
          updatedBy: actor.userId,
          searchRowid: null,
        })
        .where(tdb.scope(records, eq(records.id, id))),
      tdb.db.delete(recordUniques).where(tdb.scope(recordUniques, eq(recordUniques.recordId, id))),
      auditInsert(tdb, {
        actorId: actor.userId,
        action: "record.deleted",
        targetType: "record",
        targetId: id,
        before: before.data,
        at: now,
      }),
      eventInsert(tdb, {
        type: "record.deleted",
        entity: ctx.entity,
        recordId: id,
        actorId: actor.userId,
        before: snapshotOf(before),
        after: null,
        configVersion: ctx.configVersion,
        at: now,
      }),
    ],
    [],
    expectedVersion !== undefined,
  );
}

/** Moves a record to another step; the status write is guarded like any other. */
export async function writeStatus(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Principal,
  before: RecordRow,
  to: string,
  given: Record<string, unknown>,
  now = Date.now(),
  opts: WriteOptions = {},
): Promise<RecordRow> {
  // The step may have changed the probability: formulas over it follow.
  const data = withFormulas(ctx.form.fields, given, { now, timeZone: tenantLocale(ctx.snapshot).timeZone });
  const after: RecordRow = {
    ...before,
    status: to,
    data,
    version: before.version + 1,
    updatedAt: now,
    updatedBy: actor.userId,
  };
  const type: RecordEventType = "record.transitioned";
  await commit(
    tdb,
    ctx,
    [
      ...(opts.first ?? []),
      versionGuard(tdb, before.id, before.version),
      tdb.db
        .update(records)
        .set({
          status: to,
          data,
          fold: foldedCopy(data),
          version: after.version,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .where(tdb.scope(records, eq(records.id, before.id))),
      auditInsert(tdb, {
        actorId: actor.userId,
        action: "record.transitioned",
        targetType: "record",
        targetId: before.id,
        before: { status: before.status },
        after: { status: to },
        at: now,
      }),
      eventInsert(tdb, {
        type,
        entity: ctx.entity,
        recordId: before.id,
        actorId: actor.userId,
        before: snapshotOf(before),
        after: snapshotOf(after),
        configVersion: ctx.configVersion,
        depth: opts.depth,
        at: now,
      }),
    ],
    [],
  );
  return after;
}

/** Who writes computed values (roll-ups, publish recomputes): not a person, named in history. */
export const COMPUTED_ACTOR_ID = "system:computed";

/**
 * Stores new computed values (roll-ups kept current by the drain, recomputes after a publish)
 * and the formulas that follow from them: no validation (nobody typed them), guarded by the
 * record's version like any write, audited and announced like an update (`depth` for the
 * drain's loop guard). Returns the new row, or null when nothing changed (no write, no event).
 * A stale version throws (isStaleWrite): the caller re-reads and recomputes.
 */
export async function writeComputed(
  tdb: TenantDb,
  ctx: EntityContext,
  before: RecordRow,
  values: Record<string, unknown>,
  opts: { now: number; depth?: number },
): Promise<RecordRow | null> {
  const write = computedWrite(tdb, ctx, before, values, opts);
  if (!write) return null;
  await runBatch(tdb.db, write.statements);
  return write.row;
}

/** The statements of `writeComputed`, for callers that batch many records (publish recomputes). */
export function computedWrite(
  tdb: TenantDb,
  ctx: EntityContext,
  before: RecordRow,
  values: Record<string, unknown>,
  opts: { now: number; depth?: number },
): { row: RecordRow; statements: Statement[] } | null {
  const merged: Record<string, unknown> = { ...before.data };
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const data = withFormulas(ctx.form.fields, merged, { now: opts.now, timeZone: tenantLocale(ctx.snapshot).timeZone });
  const keys = new Set([...Object.keys(before.data), ...Object.keys(data)]);
  const changed = [...keys].filter((k) => JSON.stringify(before.data[k] ?? null) !== JSON.stringify(data[k] ?? null));
  if (changed.length === 0) return null;
  const now = opts.now;
  const after: RecordRow = {
    ...before,
    data,
    version: before.version + 1,
    updatedAt: now,
    updatedBy: COMPUTED_ACTOR_ID,
  };
  return {
    row: after,
    statements: [
      versionGuard(tdb, before.id, before.version),
      tdb.db
        .update(records)
        .set({ data, fold: foldedCopy(data), version: after.version, updatedAt: now, updatedBy: COMPUTED_ACTOR_ID })
        .where(tdb.scope(records, eq(records.id, before.id))),
      reindexStatement(tdb, ctx.entity, before.id, searchText(ctx.form, data)),
      auditInsert(tdb, {
        actorId: COMPUTED_ACTOR_ID,
        action: "record.updated",
        targetType: "record",
        targetId: before.id,
        ...changesOf(before.data, data, changed),
        at: now,
      }),
      eventInsert(tdb, {
        type: "record.updated",
        entity: ctx.entity,
        recordId: before.id,
        actorId: COMPUTED_ACTOR_ID,
        before: snapshotOf(before),
        after: snapshotOf(after),
        configVersion: ctx.configVersion,
        depth: opts.depth,
        at: now,
      }),
    ],
  };
}

// A guard that trips means someone else wrote first: 412 when the caller sent If-Match (their
// precondition failed), else 409.
async function commit(
  tdb: TenantDb,
  ctx: EntityContext,
  statements: Statement[],
  unique: { field: string; value: string }[],
  ifMatch = false,
) {
  try {
    await runBatch(tdb.db, statements);
  } catch (error) {
    if (isStaleWrite(error))
      throw ifMatch
        ? preconditionFailed()
        : conflict("version_conflict", "The record changed while you were saving; reload and try again");
    if (isUniqueClash(error)) throw await duplicateError(tdb, ctx, unique);
    throw error;
  }
}

async function duplicateError(tdb: TenantDb, ctx: EntityContext, unique: { field: string; value: string }[]) {
  const taken = await tdb.db
    .select({ field: recordUniques.field, value: recordUniques.value })
    .from(recordUniques)
    .where(
      tdb.scope(
        recordUniques,
        eq(recordUniques.entity, ctx.entity),
        inArray(
          recordUniques.field,
          unique.map((u) => u.field),
        ),
      ),
    );
  const details = unique
    .filter((u) => taken.some((t) => t.field === u.field && t.value === u.value))
    .map((u) => ({ path: u.field, message: "is already used by another record" }));
  return conflict("duplicate", "A unique field's value is already taken", details);
}

/** Reference fields must point at live records of their entity; user fields at active members. */
async function assertReferences(tdb: TenantDb, checked: Checks) {
  const [errors = []] = await referenceErrors(tdb, [checked]);
  if (errors.length) throw validationFailed(errors);
}

type Checks = Pick<ValidValues, "references" | "users">;

// D1 binds at most 100 parameters per statement; the tenant id takes one.
const IDS_PER_QUERY = 90;

/** For each item, the references and users that do not resolve (one list per item, in order). */
export async function referenceErrors(tdb: TenantDb, items: readonly Checks[]): Promise<ErrorDetail[][]> {
  const recordIds = [...new Set(items.flatMap((c) => c.references.map((r) => r.id)))];
  const userIds = [...new Set(items.flatMap((c) => c.users.map((u) => u.id)))];
  const found = new Map<string, string>();
  for (const ids of chunks(recordIds, IDS_PER_QUERY)) {
    const rows = await tdb.db
      .select({ id: records.id, entity: records.entity })
      .from(records)
      .where(tdb.scope(records, inArray(records.id, ids), isNull(records.deletedAt)));
    for (const r of rows) found.set(r.id, r.entity);
  }
  const members = new Set<string>();
  for (const ids of chunks(userIds, IDS_PER_QUERY)) {
    const rows = await tdb.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(tdb.scope(memberships, inArray(memberships.userId, ids), eq(memberships.active, true)));
    for (const m of rows) members.add(m.userId);
  }
  return items.map(({ references, users }) => [
    ...references
      .filter((r) => found.get(r.id) !== r.entity)
      .map((r) => ({ path: r.field, message: `must reference an existing ${r.entity} record` })),
    ...users
      .filter((u) => !members.has(u.id))
      .map((u) => ({ path: u.field, message: "must be an active member of this workspace" })),
  ]);
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

// Unique claims are stored as text: strings as they are, anything else as JSON.
const claimsOf = (unique: ValidValues["unique"]): Claim[] =>
  unique.map((u) => ({ field: u.field, value: typeof u.value === "string" ? u.value : JSON.stringify(u.value) }));

export function refusal(status: 403 | 422, errors: ErrorDetail[]): ApiError {
  return status === 403
    ? new ApiError(403, "forbidden", "Your role may not write some of these fields", errors)
    : validationFailed(errors);
}

/** Deals (any entity whose form has a `probability` field) take the probability of their step. */
export function withStepProbability(
  ctx: EntityContext,
  data: Record<string, unknown>,
  status: string | null,
  now = Date.now(),
) {
  const probability = ctx.workflow?.steps.find((s) => s.key === status)?.probability;
  if (probability === undefined || !ctx.form.fields.some((f) => f.name === "probability")) return data;
  // Formulas were computed before the step's probability was known.
  return withFormulas(
    ctx.form.fields,
    { ...data, probability },
    { now, timeZone: tenantLocale(ctx.snapshot).timeZone },
  );
}

const assigneeOf = (data: Record<string, unknown>) =>
  typeof data[ASSIGNEE_FIELD] === "string" ? (data[ASSIGNEE_FIELD] as string) : null;

/** What automations and SLA timers see of a record in an event. */
export const snapshotOf = (r: RecordRow) => ({
  ...r.data,
  id: r.id,
  version: r.version,
  status: r.status,
  ownerId: r.ownerId,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

function changesOf(before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]) {
  return {
    before: Object.fromEntries(fields.map((f) => [f, before[f] ?? null])),
    after: Object.fromEntries(fields.map((f) => [f, after[f] ?? null])),
  };
}
