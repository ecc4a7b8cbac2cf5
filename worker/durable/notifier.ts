import { eq, sql as dsql } from "drizzle-orm";
import { approvals } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { getItem, type Snapshot } from "../shared/config/snapshot";
import type { NotificationKind, ServerMessage } from "../shared/protocol";
import { actorView } from "../services/actors";
import type { OutboxEvent } from "../services/events/drain";
import { listMembers } from "../services/members";
import { storeNotifications, type NewNotification } from "../services/notifications";
import {
  activityDrafts,
  approverIds,
  assignmentDrafts,
  recipients,
  recordMentionDrafts,
  titleFor,
  type Draft,
  type Member,
} from "../services/notify-rules";
import type { StoredTimer } from "./stores/sla-timers";

export type NotifierHost = {
  sql: SqlStorage;
  tdb: (tenantId: string) => TenantDb;
  snapshotAt: (tenantId: string, version: number) => Promise<Snapshot>;
  broadcast: (message: ServerMessage, tags?: string[]) => void;
};

type Values = Record<string, unknown> | null;
const RECORD_EVENTS = new Set(["record.created", "record.updated", "record.transitioned"]);
const MEMBERS_TTL_MS = 5_000;
const FLUSH_CHUNK = 100;

/**
 * The tenant object's side of notifications: turns outbox events, SLA firings and due
 * reminders into stored notifications and pushes each new one to its member's sockets.
 */
export class Notifier {
  private members: { at: number; list: Member[] } | undefined;
  // SLA firings come in bursts (a wake after downtime): their notifications are written together.
  private pendingSla: NewNotification[] = [];

  constructor(private readonly host: NotifierHost) {}

  async onEvent(tenantId: string, event: OutboxEvent, snapshot: Snapshot): Promise<void> {
    if (event.type === "activity.created" || event.type === "activity.updated") this.trackReminder(event);
    const drafts = await this.draftsFor(tenantId, event, snapshot);
    await this.deliver(
      tenantId,
      drafts.map((d) => ({ ...d, id: `ntf_${event.seq}_${d.cause}_${d.userId}`, at: event.createdAt })),
    );
  }

  private async draftsFor(tenantId: string, event: OutboxEvent, snapshot: Snapshot): Promise<Draft[]> {
    const members = await this.memberList(tenantId);
    const names = new Map(members.map((m) => [m.id, m.name]));
    const actorName = actorView(event.actorId, names).name;
    const base = {
      before: event.before as Values,
      after: event.after as Values,
      actorId: event.actorId,
      actorName,
      members,
    };
    if (RECORD_EVENTS.has(event.type) && event.entity && event.recordId) {
      const form = getItem(snapshot, "form", event.entity, "default");
      const p = { ...base, entity: event.entity, recordId: event.recordId, form };
      return [...assignmentDrafts(p), ...recordMentionDrafts(p)];
    }
    if (event.type === "activity.created" || event.type === "activity.updated") return activityDrafts(base as never);
    if (event.type === "approval.requested" || event.type === "approval.decided")
      return this.approvalDrafts(tenantId, event, members);
    return [];
  }

  private async approvalDrafts(tenantId: string, event: OutboxEvent, members: Member[]): Promise<Draft[]> {
    if (!event.entity || !event.recordId) return [];
    const p = event.after as { id: string; approval: string; step: number; decision?: string | null; record?: Values };
    const snapshot = await this.host.snapshotAt(tenantId, event.configVersion ?? 0);
    const form = getItem(snapshot, "form", event.entity, "default");
    const values = p.record ?? (await this.recordData(tenantId, event.recordId));
    const what = p.approval.replaceAll("_", " ");
    const link = { entity: event.entity, recordId: event.recordId };
    if (event.type === "approval.requested") {
      const ids = approverIds(getItem(snapshot, "approval", event.entity, p.approval), p.step, members);
      return recipients(members, ids, event.actorId).map((m) => ({
        userId: m.id,
        kind: "approval.requested",
        ...link,
        cause: "approval",
        title: `Approval needed (${what}): ${titleFor(form, m, event.recordId!, values)}`,
      }));
    }
    const [row] = await this.host
      .tdb(tenantId)
      .db.select({ by: approvals.requestedBy })
      .from(approvals)
      .where(this.host.tdb(tenantId).scope(approvals, eq(approvals.id, p.id)))
      .limit(1);
    const decision = p.decision === "approved" ? "approved" : p.decision === "rejected" ? "rejected" : "decided";
    return recipients(members, row?.by ? [row.by] : [], event.actorId).map((m) => ({
      userId: m.id,
      kind: "approval.decided",
      ...link,
      cause: "approval",
      title: `Your request (${what}) was ${decision}: ${titleFor(form, m, event.recordId!, values)}`,
    }));
  }

  /** An SLA warning or breach tells the record's owner and assignee. */
  async onSla(
    tenantId: string,
    timer: StoredTimer,
    firing: { kind: "warning" | "breach"; percent?: number },
  ): Promise<void> {
    const members = await this.memberList(tenantId);
    const snapshot = await this.host.snapshotAt(tenantId, timer.configVersion);
    const form = getItem(snapshot, "form", timer.entity, "default");
    const people = [timer.record.ownerId, timer.record.assignee].filter((x): x is string => typeof x === "string");
    const kind: NotificationKind = firing.kind === "breach" ? "sla.breached" : "sla.warning";
    const what = firing.kind === "breach" ? "SLA breached" : "SLA warning";
    this.pendingSla.push(
      ...recipients(members, people, null).map((m) => ({
        id: `ntf_sla_${timer.id}:${firing.kind}${firing.percent ?? ""}_${m.id}`,
        userId: m.id,
        kind,
        entity: timer.entity,
        recordId: timer.recordId,
        at: Date.now(),
        title: `${what} (${timer.metric.replaceAll("_", " ")}): ${titleFor(form, m, timer.recordId, timer.record)}`,
      })),
    );
  }

  /** Writes and pushes the SLA notifications gathered since the last flush. */
  async flush(tenantId: string): Promise<void> {
    while (this.pendingSla.length > 0) await this.deliver(tenantId, this.pendingSla.splice(0, FLUSH_CHUNK));
  }

  // ── reminders ─────────────────────────────────────────────────────────────────────────

  private trackReminder(event: OutboxEvent): void {
    const a = event.after as {
      id: string;
      title: string;
      status: string;
      assigneeId: string | null;
      remindAt: string | null;
      entity: string | null;
      recordId: string | null;
    } | null;
    if (!a) return;
    this.host.sql.exec(`DELETE FROM reminders WHERE activity_id = ?`, a.id);
    if (a.remindAt && a.assigneeId && a.status === "open") {
      this.host.sql.exec(
        `INSERT INTO reminders (activity_id, user_id, title, entity, record_id, at) VALUES (?, ?, ?, ?, ?, ?)`,
        a.id,
        a.assigneeId,
        a.title,
        a.entity,
        a.recordId,
        Date.parse(a.remindAt),
      );
    }
  }

  async fireReminders(tenantId: string, now: number): Promise<number> {
    type Due = {
      activity_id: string;
      user_id: string;
      title: string;
      entity: string | null;
      record_id: string | null;
      at: number;
    };
    const due = this.host.sql.exec<Due>(`SELECT * FROM reminders WHERE at <= ? ORDER BY at LIMIT 100`, now).toArray();
    if (due.length === 0) return 0;
    await this.deliver(
      tenantId,
      due.map((r) => ({
        id: `ntf_rem_${r.activity_id}_${r.at}`,
        userId: r.user_id,
        kind: "reminder",
        title: `Reminder: ${r.title}`,
        entity: r.entity,
        recordId: r.record_id,
        at: r.at,
      })),
    );
    for (const r of due)
      this.host.sql.exec(`DELETE FROM reminders WHERE activity_id = ? AND at = ?`, r.activity_id, r.at);
    return due.length;
  }

  nextWake(): number | undefined {
    const row = this.host.sql.exec<{ at: number | null }>(`SELECT min(at) AS at FROM reminders`).toArray()[0];
    return row?.at ?? undefined;
  }

  // ── delivery ─────────────────────────────────────────────────────────────────────────

  private async deliver(tenantId: string, list: NewNotification[]): Promise<void> {
    const stored = await storeNotifications(this.host.tdb(tenantId), list);
    for (const { userId, ...notification } of stored)
      this.host.broadcast({ type: "notification", notification }, [`user:${userId}`]);
  }

  async memberName(tenantId: string, userId: string): Promise<string> {
    return (await this.memberList(tenantId)).find((m) => m.id === userId)?.name ?? "Someone";
  }

  private async memberList(tenantId: string): Promise<Member[]> {
    if (this.members && Date.now() - this.members.at < MEMBERS_TTL_MS) return this.members.list;
    const list = (await listMembers(this.host.tdb(tenantId))).map((m) => ({
      id: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      active: m.active,
    }));
    this.members = { at: Date.now(), list };
    return list;
  }

  private async recordData(tenantId: string, recordId: string): Promise<Values> {
    const tdb = this.host.tdb(tenantId);
    const rows = await tdb.db.values<[string]>(
      dsql`SELECT data FROM records WHERE tenant_id = ${tdb.tenantId} AND id = ${recordId} LIMIT 1`,
    );
    return rows[0] ? (JSON.parse(rows[0][0]) as Values) : null;
  }
}
