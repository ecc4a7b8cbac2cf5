import { and, desc, eq, like, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { activities, auditLog, emailOutbox, inboxMessages } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import type { EntityContext } from "./entity";
import type { RecordRow } from "./read";

// Where a record's timeline entries come from. Each source reads its own table newest first,
// after a keyset position, and the timeline merges them. A new kind of entry (e.g. outgoing
// e-mail) is one more source in TIMELINE_SOURCES: nothing else has to change.

export const TIMELINE_KINDS = ["history", "activity", "message", "email", "sla", "approval"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** An entry before redaction and naming; `summary: null` means "read, but not for this caller". */
export type RawEntry = {
  id: string;
  at: number;
  kind: TimelineKind;
  actorId: string | null;
  summary: string | null;
  data?: Record<string, unknown>;
};

export type TimelineTarget = { tdb: TenantDb; ctx: EntityContext; principal: Principal; record: RecordRow };
export type Position = { at: number; id: string };
export type SourceQuery = { after?: Position; limit: number; kinds: ReadonlySet<TimelineKind> };

export type TimelineSource = {
  kinds: readonly TimelineKind[];
  read: (target: TimelineTarget, query: SourceQuery) => Promise<RawEntry[]>;
};

/** Rows strictly older than the position, in (at, id) order. */
export function olderThan(at: SQLiteColumn, id: SQLiteColumn, after: Position | undefined): SQL | undefined {
  if (!after) return undefined;
  return or(lt(at, after.at), and(eq(at, after.at), lt(id, after.id)));
}

const AUDIT_PREFIX: Partial<Record<TimelineKind, string>> = {
  history: "record.%",
  sla: "sla.%",
  approval: "approval.%",
};

const auditSource: TimelineSource = {
  kinds: ["history", "sla", "approval"],
  async read({ tdb, record }, q) {
    const patterns = [...q.kinds].flatMap((k) => (AUDIT_PREFIX[k] ? [like(auditLog.action, AUDIT_PREFIX[k]!)] : []));
    const rows = await tdb.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        action: auditLog.action,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      // inbox.message rows are told by the message source, with the message itself.
      .where(
        tdb.scope(
          auditLog,
          eq(auditLog.targetType, "record"),
          eq(auditLog.targetId, record.id),
          ne(auditLog.action, "inbox.message"),
          or(...patterns),
          olderThan(auditLog.at, auditLog.id, q.after),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.limit);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      summary: r.action,
      kind: r.action.startsWith("sla.") ? "sla" : r.action.startsWith("approval.") ? "approval" : "history",
      data: { action: r.action, before: r.before, after: r.after },
    }));
  },
};

const activitySource: TimelineSource = {
  kinds: ["activity"],
  async read({ tdb, record }, q) {
    const rows = await tdb.db
      .select()
      .from(activities)
      .where(
        tdb.scope(
          activities,
          eq(activities.recordId, record.id),
          olderThan(activities.createdAt, activities.id, q.after),
        ),
      )
      .orderBy(desc(activities.createdAt), desc(activities.id))
      .limit(q.limit);
    return rows.map((a) => ({
      id: a.id,
      at: a.createdAt,
      kind: "activity",
      actorId: a.createdBy,
      summary: a.title,
      data: {
        id: a.id,
        type: a.type,
        title: a.title,
        notes: a.notes,
        status: a.status,
        assigneeId: a.assigneeId,
        dueAt: iso(a.dueAt),
        completedAt: iso(a.completedAt),
        system: a.system,
      },
    }));
  },
};

// A case shows its own messages; a customer shows every message they sent.
const messageSource: TimelineSource = {
  kinds: ["message"],
  async read({ tdb, record }, q) {
    const about = or(eq(inboxMessages.caseId, record.id), eq(inboxMessages.customerId, record.id));
    const rows = await tdb.db
      .select()
      .from(inboxMessages)
      .where(tdb.scope(inboxMessages, about, olderThan(inboxMessages.receivedAt, inboxMessages.id, q.after)))
      .orderBy(desc(inboxMessages.receivedAt), desc(inboxMessages.id))
      .limit(q.limit);
    return rows.map((m) => ({
      id: m.id,
      at: m.receivedAt,
      kind: "message",
      actorId: null,
      summary: `${m.fromName ?? m.fromEmail}${m.subject ? `: ${m.subject}` : ""}`,
      data: {
        channel: m.channel,
        direction: m.direction,
        from: { email: m.fromEmail, name: m.fromName },
        to: m.toEmail,
        subject: m.subject,
        body: m.body,
        caseId: m.caseId,
      },
    }));
  },
};

// E-mail the record's automations sent (send_email). An agent's reply from the case thread is
// in the thread already (a message going out), so its outbox row is not told twice.
const emailSource: TimelineSource = {
  kinds: ["email"],
  async read({ tdb, record }, q) {
    const notAReply = sql`NOT EXISTS (SELECT 1 FROM inbox_messages m WHERE m.tenant_id = ${tdb.tenantId}
      AND m.direction = 'out' AND m.external_id = ${emailOutbox.messageId})`;
    const rows = await tdb.db
      .select()
      .from(emailOutbox)
      .where(
        tdb.scope(
          emailOutbox,
          eq(emailOutbox.recordId, record.id),
          notAReply,
          olderThan(emailOutbox.createdAt, emailOutbox.id, q.after),
        ),
      )
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(q.limit);
    return rows.map((m) => ({
      id: m.id,
      at: m.createdAt,
      kind: "email",
      actorId: null,
      summary: `To ${m.to}: ${m.subject}`,
      data: { to: m.to, subject: m.subject, body: m.body, status: m.status, sentAt: iso(m.sentAt), error: m.error },
    }));
  },
};

export const TIMELINE_SOURCES: TimelineSource[] = [auditSource, activitySource, messageSource, emailSource];

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
