import { and, asc, desc, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { runBatch, type Statement } from "../db/batch";
import { activities, memberships, records } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import { notFound, validationFailed } from "../lib/errors";
import { newId } from "../lib/ids";
import { auditInsert } from "./audit";
import type { Snapshot } from "../shared/config/snapshot";
import { eventInsert } from "./records/outbox";
import { readableRecordClause } from "./records/visibility";

// Activities are the task system people and automations share: a title, an assignee, a due
// date, a status, and optionally the record they are about.

type Row = typeof activities.$inferSelect;

export function presentActivity(row: Row, now = Date.now()) {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    notes: row.notes,
    assigneeId: row.assigneeId,
    dueAt: row.dueAt === null ? null : new Date(row.dueAt).toISOString(),
    status: row.status,
    system: row.system,
    entity: row.entity,
    recordId: row.recordId,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
    completedAt: row.completedAt === null ? null : new Date(row.completedAt).toISOString(),
    remindAt: row.remindAt === null ? null : new Date(row.remindAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    overdue: row.status === "open" && row.dueAt !== null && row.dueAt < now,
  };
}

export type ActivityFilter = {
  assigneeId?: string;
  status?: Row["status"];
  entity?: string;
  recordId?: string;
  overdue?: boolean;
  limit: number;
  readable?: SQL;
};

/** What a member may list: activities about no record, assigned to them, or about a record they can read. */
export function readableActivities(tdb: TenantDb, snapshot: Snapshot, principal: Principal): SQL | undefined {
  const clause = readableRecordClause(tdb, snapshot, principal, sql`${activities.recordId}`);
  return clause ? or(isNull(activities.recordId), eq(activities.assigneeId, principal.userId), clause) : undefined;
}

export async function listActivities(tdb: TenantDb, f: ActivityFilter, now = Date.now()) {
  const conditions: (SQL | undefined)[] = [
    f.assigneeId ? eq(activities.assigneeId, f.assigneeId) : undefined,
    f.status ? eq(activities.status, f.status) : undefined,
    f.entity ? eq(activities.entity, f.entity) : undefined,
    f.recordId ? eq(activities.recordId, f.recordId) : undefined,
    f.overdue ? and(eq(activities.status, "open"), lt(activities.dueAt, now)) : undefined,
    f.readable,
  ];
  const rows = await tdb.db
    .select()
    .from(activities)
    .where(tdb.scope(activities, ...conditions))
    // Soonest due first, undated last, then newest.
    .orderBy(sql`${activities.dueAt} IS NULL`, asc(activities.dueAt), desc(activities.createdAt))
    .limit(f.limit);
  return rows.map((r) => presentActivity(r, now));
}

export type NewActivity = {
  title: string;
  type?: string;
  notes?: string;
  assigneeId?: string | null;
  dueAt?: number | null;
  remindAt?: number | null;
  entity?: string;
  recordId?: string;
  system?: boolean;
};

/** The statements that create an activity, its audit row and its outbox event. */
export function activityStatements(
  tdb: TenantDb,
  actorId: string | null,
  input: NewActivity,
  now: number,
  id = newId("act"),
): { row: Row; statements: Statement[] } {
  const row: Row = {
    id,
    tenantId: tdb.tenantId,
    entity: input.entity ?? null,
    recordId: input.recordId ?? null,
    type: input.type ?? "task",
    title: input.title,
    notes: input.notes ?? null,
    assigneeId: input.assigneeId ?? null,
    dueAt: input.dueAt ?? null,
    status: "open",
    system: input.system ?? false,
    completedAt: null,
    remindAt: input.remindAt ?? null,
    createdAt: now,
    updatedAt: now,
    createdBy: actorId,
    updatedBy: actorId,
  };
  return {
    row,
    statements: [
      tdb.db.insert(activities).values(row),
      auditInsert(tdb, {
        actorId,
        action: "activity.created",
        targetType: "activity",
        targetId: id,
        after: { title: row.title, assigneeId: row.assigneeId, recordId: row.recordId },
        at: now,
      }),
      eventInsert(tdb, {
        type: "activity.created",
        entity: row.entity ?? "",
        recordId: id,
        actorId,
        before: null,
        after: presentActivity(row, now),
        configVersion: 0,
        at: now,
      }),
    ],
  };
}

/** Checks an assignee is an active member and a linked record exists, then creates. */
export async function createActivity(tdb: TenantDb, actorId: string, input: NewActivity, now = Date.now()) {
  await assertLinks(tdb, input);
  const { row, statements } = activityStatements(tdb, actorId, input, now);
  await runBatch(tdb.db, statements);
  return presentActivity(row, now);
}

export type ActivityChange = {
  title?: string;
  type?: string;
  notes?: string | null;
  assigneeId?: string | null;
  dueAt?: number | null;
  remindAt?: number | null;
  status?: Row["status"];
};

/** `readable` (see readableActivities) makes an activity the caller may not list a 404 here too. */
export type ActivityEdit = { id: string; change: ActivityChange; readable?: SQL; now?: number };

export async function updateActivity(tdb: TenantDb, actorId: string, edit: ActivityEdit) {
  const { id, change, readable, now = Date.now() } = edit;
  const [before] = await tdb.db
    .select()
    .from(activities)
    .where(tdb.scope(activities, eq(activities.id, id), readable))
    .limit(1);
  if (!before) throw notFound("No such activity");
  await assertLinks(tdb, { assigneeId: change.assigneeId });
  const completedAt =
    change.status === undefined ? before.completedAt : change.status === "done" ? (before.completedAt ?? now) : null;
  const after: Row = { ...before, ...change, completedAt, updatedAt: now, updatedBy: actorId };
  await runBatch(tdb.db, [
    tdb.db
      .update(activities)
      .set({ ...change, completedAt, updatedAt: now, updatedBy: actorId })
      .where(tdb.scope(activities, eq(activities.id, id))),
    auditInsert(tdb, {
      actorId,
      action: "activity.updated",
      targetType: "activity",
      targetId: id,
      before: pick(before, change),
      after: pick(after, change),
      at: now,
    }),
    // The tenant object tells a new assignee and (re)sets the reminder.
    eventInsert(tdb, {
      type: "activity.updated",
      entity: after.entity ?? "",
      recordId: id,
      actorId,
      before: presentActivity(before, now),
      after: presentActivity(after, now),
      configVersion: 0,
      at: now,
    }),
  ]);
  return presentActivity(after, now);
}

const pick = (row: Row, change: ActivityChange) =>
  Object.fromEntries(Object.keys(change).map((k) => [k, row[k as keyof Row]]));

async function assertLinks(tdb: TenantDb, input: Pick<NewActivity, "assigneeId" | "recordId" | "entity">) {
  const errors = [];
  if (input.assigneeId) {
    const [m] = await tdb.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(tdb.scope(memberships, eq(memberships.userId, input.assigneeId), eq(memberships.active, true)))
      .limit(1);
    if (!m) errors.push({ path: "assigneeId", message: "must be an active member of this workspace" });
  }
  if (input.recordId) {
    const [r] = await tdb.db
      .select({ entity: records.entity })
      .from(records)
      .where(tdb.scope(records, eq(records.id, input.recordId), isNull(records.deletedAt)))
      .limit(1);
    if (!r || (input.entity && r.entity !== input.entity))
      errors.push({ path: "recordId", message: "must reference an existing record" });
  }
  if (errors.length) throw validationFailed(errors);
}
