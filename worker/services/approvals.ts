import { desc, eq, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../db/batch";
import { approvalDecisions, approvals, memberships } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import { conflict, forbidden, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { ApprovalConfig } from "../shared/config/approval";
import { parseDuration } from "../shared/config/common";
import { conditionScope } from "../shared/config/condition-scope";
import { evaluateCondition } from "../shared/config/evaluate";
import { getItem, itemsOf, type Snapshot } from "../shared/config/snapshot";
import { roleAtLeast, type Role } from "../shared/roles";
import { auditInsert } from "./audit";
import { eventInsert } from "./records/outbox";

// Approvals: a record (or a held change to it) waits for people to decide, step by step. Each
// step names its approvers by role (that role or above) or by user, and needs any one of them
// or all of them. Nobody decides their own request.

type Row = typeof approvals.$inferSelect;
type Decision = typeof approvalDecisions.$inferSelect;
type Member = { userId: string; role: Role };

export type NewApproval = {
  entity: string;
  recordId: string;
  key: string;
  config: ApprovalConfig;
  configVersion: number;
  requestedBy: string | null;
  change: Record<string, unknown> | null;
  record: Record<string, unknown>;
};

/** The statements that open a request (with its audit row and outbox event). */
export function approvalStatements(
  tdb: TenantDb,
  a: NewApproval,
  now: number,
  id = newId("apr"),
): { row: Row; statements: Statement[] } {
  const dueIn = a.config.steps[0]?.dueIn;
  const row: Row = {
    id,
    tenantId: tdb.tenantId,
    entity: a.entity,
    recordId: a.recordId,
    approvalKey: a.key,
    configVersion: a.configVersion,
    status: "pending",
    step: 0,
    requestedBy: a.requestedBy,
    requestedAt: now,
    dueAt: dueIn ? now + parseDuration(dueIn)! : null,
    escalatedAt: null,
    decidedAt: null,
    change: a.change,
    version: 1,
  };
  return {
    row,
    statements: [
      tdb.db.insert(approvals).values(row),
      auditInsert(tdb, {
        actorId: a.requestedBy,
        action: "approval.requested",
        targetType: "record",
        targetId: a.recordId,
        after: { approval: a.key, id, change: a.change },
        at: now,
      }),
      eventInsert(tdb, {
        type: "approval.requested",
        entity: a.entity,
        recordId: a.recordId,
        actorId: a.requestedBy,
        before: null,
        after: { id, approval: a.key, step: 0, dueAt: row.dueAt, record: a.record },
        configVersion: a.configVersion,
        at: now,
      }),
    ],
  };
}

/** Approvals of the entity whose `when` the record starts to match with this write. */
export function approvalsTriggered(
  snapshot: Snapshot,
  entity: string,
  after: Record<string, unknown>,
  before: Record<string, unknown> | null,
  now: number,
): [string, ApprovalConfig][] {
  const scope = conditionScope(snapshot, entity);
  return Object.entries(itemsOf(snapshot, "approval", entity)).filter(([, config]) => {
    if (!config.when) return false;
    const holds = (record: Record<string, unknown>) => evaluateCondition(config.when!, { record, now, ...scope });
    return holds(after) && (before === null || !holds(before));
  });
}

export async function pendingFor(tdb: TenantDb, recordId: string, key: string): Promise<Row | undefined> {
  const [row] = await tdb.db
    .select()
    .from(approvals)
    .where(
      tdb.scope(
        approvals,
        eq(approvals.recordId, recordId),
        eq(approvals.approvalKey, key),
        eq(approvals.status, "pending"),
      ),
    )
    .limit(1);
  return row;
}

async function activeMembers(tdb: TenantDb): Promise<Member[]> {
  return tdb.db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(tdb.scope(memberships, eq(memberships.active, true)));
}

/** Who may decide a step: its role or above, or its listed users; never the requester. */
function eligible(step: ApprovalConfig["steps"][number], members: Member[], requester: string | null): string[] {
  const fits = (m: Member) =>
    step.approvers.role ? roleAtLeast(m.role, step.approvers.role) : (step.approvers.users ?? []).includes(m.userId);
  return members
    .filter(fits)
    .map((m) => m.userId)
    .filter((id) => id !== requester);
}

export type ApprovalView = ReturnType<typeof present>;

function present(
  row: Row,
  config: ApprovalConfig | undefined,
  decisions: Decision[],
  viewer: Principal,
  members: Member[],
) {
  const step = config?.steps[row.step];
  const decidedByViewer = decisions.some((d) => d.step === row.step && d.userId === viewer.userId);
  const canDecide =
    row.status === "pending" &&
    !!step &&
    !decidedByViewer &&
    eligible(step, members, row.requestedBy).includes(viewer.userId);
  return {
    id: row.id,
    approval: row.approvalKey,
    entity: row.entity,
    recordId: row.recordId,
    status: row.status,
    step: row.step,
    requestedBy: row.requestedBy,
    requestedAt: new Date(row.requestedAt).toISOString(),
    dueAt: row.dueAt ? new Date(row.dueAt).toISOString() : null,
    escalated: row.escalatedAt !== null,
    decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
    change: row.change,
    canDecide,
    steps: (config?.steps ?? []).map((s, i) => ({
      name: s.name,
      mode: s.mode,
      approvers: s.approvers,
      decisions: decisions
        .filter((d) => d.step === i)
        .map((d) => ({ userId: d.userId, decision: d.decision, comment: d.comment, at: new Date(d.at).toISOString() })),
    })),
  };
}

type SnapshotAt = (version: number) => Promise<Snapshot>;

export async function listApprovals(
  tdb: TenantDb,
  snapshotAt: SnapshotAt,
  viewer: Principal,
  f: { status?: Row["status"]; mine: boolean; recordId?: string },
) {
  const rows = await tdb.db
    .select()
    .from(approvals)
    .where(
      tdb.scope(
        approvals,
        f.status ? eq(approvals.status, f.status) : undefined,
        f.recordId ? eq(approvals.recordId, f.recordId) : undefined,
      ),
    )
    .orderBy(desc(approvals.requestedAt))
    .limit(200);
  const members = await activeMembers(tdb);
  const decisions = rows.length
    ? await tdb.db
        .select()
        .from(approvalDecisions)
        .where(
          tdb.scope(
            approvalDecisions,
            sql`${approvalDecisions.approvalId} IN (SELECT id FROM approvals WHERE tenant_id = ${tdb.tenantId}
              ORDER BY requested_at DESC LIMIT 200)`,
          ),
        )
    : [];
  const views = await Promise.all(
    rows.map(async (r) =>
      present(
        r,
        getItem(await snapshotAt(r.configVersion), "approval", r.entity, r.approvalKey),
        decisions.filter((d) => d.approvalId === r.id),
        viewer,
        members,
      ),
    ),
  );
  return f.mine ? views.filter((v) => v.canDecide) : views;
}

export type DecisionOutcome = {
  view: ApprovalView;
  final: "approved" | "rejected" | null;
  statements: Statement[];
  row: Row;
  config: ApprovalConfig;
};

/**
 * Records one approver's decision and works out what it means: the step or request is done,
 * or more approvers are still needed. Returns the statements; the caller runs them in one batch
 * (with the held change, when the request ends approved).
 */
export type DecisionInput = { id: string; decision: "approve" | "reject"; comment?: string; now?: number };

export async function decide(
  tdb: TenantDb,
  snapshotAt: SnapshotAt,
  viewer: Principal,
  d: DecisionInput,
): Promise<DecisionOutcome> {
  const { id, decision, comment, now = Date.now() } = d;
  const [row] = await tdb.db
    .select()
    .from(approvals)
    .where(tdb.scope(approvals, eq(approvals.id, id)))
    .limit(1);
  if (!row) throw notFound("No such approval");
  const config = getItem(await snapshotAt(row.configVersion), "approval", row.entity, row.approvalKey);
  const step = config?.steps[row.step];
  if (row.status !== "pending" || !config || !step)
    throw conflict("version_conflict", `This request is already ${row.status}`);
  if (row.requestedBy === viewer.userId) throw forbidden("You cannot decide your own request");
  const members = await activeMembers(tdb);
  const approvers = eligible(step, members, row.requestedBy);
  if (!approvers.includes(viewer.userId)) throw forbidden("You are not an approver of this step");
  const decisions = await tdb.db
    .select()
    .from(approvalDecisions)
    .where(tdb.scope(approvalDecisions, eq(approvalDecisions.approvalId, id)));
  if (decisions.some((d) => d.step === row.step && d.userId === viewer.userId))
    throw conflict("duplicate", "You have already decided this step");

  const mine: Decision = {
    id: newId("dec"),
    tenantId: tdb.tenantId,
    approvalId: id,
    step: row.step,
    userId: viewer.userId,
    decision,
    comment: comment ?? null,
    at: now,
  };
  const approvedBy = new Set([
    ...decisions.filter((d) => d.step === row.step && d.decision === "approve").map((d) => d.userId),
    ...(decision === "approve" ? [viewer.userId] : []),
  ]);
  const stepDone = decision === "approve" && (step.mode === "any" || approvers.every((u) => approvedBy.has(u)));
  const lastStep = row.step === config.steps.length - 1;
  const final = decision === "reject" ? "rejected" : stepDone && lastStep ? "approved" : null;
  const nextStep = stepDone && !lastStep ? row.step + 1 : row.step;
  const nextDue =
    nextStep !== row.step && config.steps[nextStep]?.dueIn
      ? now + parseDuration(config.steps[nextStep]!.dueIn!)!
      : nextStep !== row.step
        ? null
        : row.dueAt;
  const after: Row = {
    ...row,
    status: final ?? "pending",
    step: nextStep,
    dueAt: final ? null : nextDue,
    decidedAt: final ? now : null,
    version: row.version + 1,
  };
  const statements: Statement[] = [
    tdb.db.run(
      sql`SELECT json(CASE WHEN EXISTS (SELECT 1 FROM approvals WHERE tenant_id = ${tdb.tenantId} AND id = ${id}
        AND version = ${row.version}) THEN '1' ELSE '{stale' END)`,
    ),
    tdb.db.insert(approvalDecisions).values(mine),
    tdb.db
      .update(approvals)
      .set({
        status: after.status,
        step: after.step,
        dueAt: after.dueAt,
        decidedAt: after.decidedAt,
        version: after.version,
      })
      .where(tdb.scope(approvals, eq(approvals.id, id))),
    auditInsert(tdb, {
      actorId: viewer.userId,
      action: `approval.${decision === "approve" ? "approved" : "rejected"}`,
      targetType: "record",
      targetId: row.recordId,
      after: { approval: row.approvalKey, id, step: row.step, comment: comment ?? null, final },
      at: now,
    }),
  ];
  if (final || nextStep !== row.step) {
    statements.push(
      eventInsert(tdb, {
        type: final ? "approval.decided" : "approval.requested",
        entity: row.entity,
        recordId: row.recordId,
        actorId: viewer.userId,
        before: null,
        after: { id, approval: row.approvalKey, step: after.step, decision: final, dueAt: after.dueAt },
        configVersion: row.configVersion,
        at: now,
      }),
    );
  }
  return { view: present(after, config, [...decisions, mine], viewer, members), final, statements, row: after, config };
}

export async function commitDecision(tdb: TenantDb, statements: Statement[]) {
  try {
    await runBatch(tdb.db, statements);
  } catch (error) {
    const text = String(error) + String((error as Error)?.cause ?? "");
    if (/malformed JSON|UNIQUE constraint failed: approval_decisions/i.test(text))
      throw conflict("version_conflict", "Someone decided this request at the same time; reload");
    throw error;
  }
}
