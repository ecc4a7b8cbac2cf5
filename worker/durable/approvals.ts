import { eq } from "drizzle-orm";
import { runBatch } from "../db/batch";
import { approvals } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { ApprovalConfig } from "../shared/config/approval";
import { getItem, type Snapshot } from "../shared/config/snapshot";
import type { ServerMessage } from "../shared/protocol";
import { ROLES, roleAtLeast } from "../shared/roles";
import { approvalStatements, approvalsTriggered, pendingFor } from "../services/approvals";
import { auditInsert } from "../services/audit";
import { stableId } from "../services/automation/actions/context";
import type { OutboxEvent } from "../services/events/drain";

export type ApprovalHost = {
  sql: SqlStorage;
  tdb: (tenantId: string) => TenantDb;
  snapshotAt: (tenantId: string, version: number) => Promise<Snapshot>;
  broadcast: (message: ServerMessage, tags?: string[]) => void;
  /** Starts approval.decided automations and the approval's onApprove/onReject actions. */
  decided: (
    tenantId: string,
    event: OutboxEvent,
    config: ApprovalConfig | undefined,
    decision: string,
  ) => Promise<void>;
};

type Payload = {
  id: string;
  approval: string;
  step: number;
  dueAt: number | null;
  decision?: string | null;
  record?: Record<string, unknown>;
};

/** The socket tags of a step's approvers: the role and every role above it, or the listed users. */
function approverTags(config: ApprovalConfig | undefined, step: number): string[] {
  const approvers = config?.steps[step]?.approvers;
  if (!approvers) return ["role:admin"];
  if (approvers.role) return ROLES.filter((r) => roleAtLeast(r, approvers.role!)).map((r) => `role:${r}`);
  return (approvers.users ?? []).map((u) => `user:${u}`);
}

/** The tenant object's side of approvals: opening requests for new records, telling approvers, escalating. */
export class ApprovalDesk {
  constructor(private readonly host: ApprovalHost) {}

  /** Answers whether it wrote events of its own (a request opened for a new record). */
  async onEvent(tenantId: string, event: OutboxEvent): Promise<boolean> {
    if (event.type === "record.created") return this.openForNewRecord(tenantId, event);
    if (event.type !== "approval.requested" && event.type !== "approval.decided") return false;
    const p = event.after as Payload;
    const snapshot = await this.host.snapshotAt(tenantId, event.configVersion ?? 0);
    const config = getItem(snapshot, "approval", event.entity ?? "", p.approval);
    if (event.type === "approval.requested") {
      this.host.broadcast(
        { type: "approval.requested", id: p.id, entity: event.entity!, recordId: event.recordId!, status: "pending" },
        approverTags(config, p.step),
      );
      if (p.dueAt)
        this.host.sql.exec(
          `INSERT OR REPLACE INTO approval_timers (approval_id, step, due_at) VALUES (?, ?, ?)`,
          p.id,
          p.step,
          p.dueAt,
        );
      return false;
    }
    this.host.sql.exec(`DELETE FROM approval_timers WHERE approval_id = ?`, p.id);
    this.host.broadcast({
      type: "approval.decided",
      id: p.id,
      entity: event.entity!,
      recordId: event.recordId!,
      status: p.decision ?? "decided",
    });
    await this.host.decided(tenantId, event, config, p.decision ?? "");
    return false;
  }

  /** A new record matching an approval's `when` gets a request (once, even if the event repeats). */
  private async openForNewRecord(tenantId: string, event: OutboxEvent): Promise<boolean> {
    const snapshot = await this.host.snapshotAt(tenantId, event.configVersion ?? 0);
    const record = (event.after as Record<string, unknown>) ?? {};
    const tdb = this.host.tdb(tenantId);
    let opened = false;
    for (const [key, config] of approvalsTriggered(snapshot, event.entity!, record, null, event.createdAt)) {
      if (await pendingFor(tdb, event.recordId!, key)) continue;
      const id = await stableId("apr", `event:${event.seq}:${key}`);
      const { statements } = approvalStatements(
        tdb,
        {
          entity: event.entity!,
          recordId: event.recordId!,
          key,
          config,
          configVersion: event.configVersion ?? 0,
          requestedBy: event.actorId,
          change: null,
          record,
        },
        event.createdAt,
        id,
      );
      await runBatch(tdb.db, statements).catch((error) => {
        if (!/UNIQUE/i.test(String(error) + String((error as Error)?.cause ?? ""))) throw error;
      });
      opened = true;
    }
    return opened;
  }

  /** Steps past their deadline are escalated to admins, once per step. */
  async escalateDue(tenantId: string, now: number): Promise<void> {
    const due = this.host.sql
      .exec<{ approval_id: string; step: number }>(
        `SELECT approval_id, step FROM approval_timers WHERE due_at <= ?`,
        now,
      )
      .toArray();
    const tdb = this.host.tdb(tenantId);
    for (const t of due) {
      const [row] = await tdb.db
        .select()
        .from(approvals)
        .where(tdb.scope(approvals, eq(approvals.id, t.approval_id)))
        .limit(1);
      if (row && row.status === "pending" && row.step === t.step && row.escalatedAt === null) {
        await runBatch(tdb.db, [
          tdb.db
            .update(approvals)
            .set({ escalatedAt: now })
            .where(tdb.scope(approvals, eq(approvals.id, row.id))),
          auditInsert(tdb, {
            actorId: null,
            action: "approval.escalated",
            targetType: "record",
            targetId: row.recordId,
            after: { approval: row.approvalKey, id: row.id, step: row.step },
            at: now,
          }),
        ]);
        this.host.broadcast(
          { type: "approval.requested", id: row.id, entity: row.entity, recordId: row.recordId, status: "escalated" },
          ["role:admin"],
        );
      }
      this.host.sql.exec(`DELETE FROM approval_timers WHERE approval_id = ? AND step = ?`, t.approval_id, t.step);
    }
  }

  nextWake(): number | undefined {
    return (
      this.host.sql.exec<{ at: number | null }>(`SELECT min(due_at) AS at FROM approval_timers`).toArray()[0]?.at ??
      undefined
    );
  }
}
