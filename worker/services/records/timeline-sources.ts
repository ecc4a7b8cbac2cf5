import { and, desc, eq, getTableName, like, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Statement } from "../../db/batch";
import { activities, auditLog, emailOutbox, inboxMessages } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";

// Where a record's timeline entries come from. Each source is one statement that reads its own
// table newest first, after a keyset position; the timeline runs them all in one batch and
// merges them. A new kind of entry (e.g. outgoing e-mail) is one more source in TIMELINE_SOURCES:
// nothing else has to change.

export const TIMELINE_KINDS = ["history", "activity", "message", "email", "sla", "approval"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** An entry before redaction; `summary: null` means "read, but not for this caller". */
export type RawEntry = {
  id: string;
  at: number;
  kind: TimelineKind;
  actorId: string | null;
  /** The actor's name when they are (or were, while still a member) a member of the tenant. */
  actorName?: string | null;
  summary: string | null;
  data?: Record<string, unknown>;
};

export type TimelineTarget = { tdb: TenantDb; entity: string; recordId: string };
export type Position = { at: number; id: string };
export type SourceQuery = { after?: Position; limit: number; kinds: ReadonlySet<TimelineKind> };

/** A source's statement and how its rows become entries. */
export type SourceRead = { statement: Statement; entries: (rows: unknown) => RawEntry[] };

export type TimelineSource = {
  kinds: readonly TimelineKind[];
  /** Null when the source has nothing for records of this entity. */
  read: (target: TimelineTarget, query: SourceQuery) => SourceRead | null;
};

const sourceRead = <S extends Statement & PromiseLike<unknown>>(
  statement: S,
  entries: (rows: Awaited<S>) => RawEntry[],
): SourceRead => ({ statement, entries: (rows) => entries(rows as Awaited<S>) });

/** Rows strictly older than the position, in (at, id) order. */
export function olderThan(at: SQLiteColumn, id: SQLiteColumn, after: Position | undefined): SQL | undefined {
  if (!after) return undefined;
  return or(lt(at, after.at), and(eq(at, after.at), lt(id, after.id)));
}

// The name of a member of this tenant, looked up in the row's own statement (the shard's mirror
// of the members): no second read for the page's names. The column is named with its table:
// drizzle leaves it bare in a one-table select, where memberships' own created_by would shadow it.
const memberName = (tdb: TenantDb, userId: SQLiteColumn) => {
  const column = sql`${sql.identifier(getTableName(userId.table))}.${sql.identifier(userId.name)}`;
  return sql<string | null>`(SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = ${tdb.tenantId} AND m.user_id = ${column})`.as("actor_name");
};

const AUDIT_PREFIX: Partial<Record<TimelineKind, string>> = {
  history: "record.%",
  sla: "sla.%",
  approval: "approval.%",
};

const auditSource: TimelineSource = {
  kinds: ["history", "sla", "approval"],
  read({ tdb, recordId }, q) {
    const patterns = [...q.kinds].flatMap((k) => (AUDIT_PREFIX[k] ? [like(auditLog.action, AUDIT_PREFIX[k]!)] : []));
    const statement = tdb.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: memberName(tdb, auditLog.actorId),
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
          eq(auditLog.targetId, recordId),
          ne(auditLog.action, "inbox.message"),
          or(...patterns),
          olderThan(auditLog.at, auditLog.id, q.after),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.limit);
    return sourceRead(statement, (rows) =>
      rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        summary: r.action,
        kind: r.action.startsWith("sla.") ? "sla" : r.action.startsWith("approval.") ? "approval" : "history",
        data: { action: r.action, before: r.before, after: r.after },
      })),
    );
  },
};

const activitySource: TimelineSource = {
  kinds: ["activity"],
  read({ tdb, recordId }, q) {
    const statement = tdb.db
      .select({
        id: activities.id,
        type: activities.type,
        title: activities.title,
        notes: activities.notes,
        status: activities.status,
        assigneeId: activities.assigneeId,
        dueAt: activities.dueAt,
        completedAt: activities.completedAt,
        system: activities.system,
        createdAt: activities.createdAt,
        createdBy: activities.createdBy,
        actorName: memberName(tdb, activities.createdBy),
      })
      .from(activities)
      .where(
        tdb.scope(
          activities,
          eq(activities.recordId, recordId),
          olderThan(activities.createdAt, activities.id, q.after),
        ),
      )
      .orderBy(desc(activities.createdAt), desc(activities.id))
      .limit(q.limit);
    return sourceRead(statement, (rows) =>
      rows.map((a) => ({
        id: a.id,
        at: a.createdAt,
        kind: "activity",
        actorId: a.createdBy,
        actorName: a.actorName,
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
      })),
    );
  },
};

// A case shows its own messages; a customer shows every message they sent. (One column per
// statement: an OR of the two would read every message of the tenant.)
const MESSAGE_LINK = new Map<string, SQLiteColumn>([
  ["cases", inboxMessages.caseId],
  ["customers", inboxMessages.customerId],
]);

const messageSource: TimelineSource = {
  kinds: ["message"],
  read({ tdb, entity, recordId }, q) {
    const link = MESSAGE_LINK.get(entity);
    if (!link) return null;
    const about = eq(link, recordId);
    const statement = tdb.db
      .select({
        id: inboxMessages.id,
        receivedAt: inboxMessages.receivedAt,
        channel: inboxMessages.channel,
        direction: inboxMessages.direction,
        fromEmail: inboxMessages.fromEmail,
        fromName: inboxMessages.fromName,
        toEmail: inboxMessages.toEmail,
        subject: inboxMessages.subject,
        body: inboxMessages.body,
        caseId: inboxMessages.caseId,
      })
      .from(inboxMessages)
      .where(tdb.scope(inboxMessages, about, olderThan(inboxMessages.receivedAt, inboxMessages.id, q.after)))
      .orderBy(desc(inboxMessages.receivedAt), desc(inboxMessages.id))
      .limit(q.limit);
    return sourceRead(statement, (rows) =>
      rows.map((m) => ({
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
      })),
    );
  },
};

// E-mail the record's automations sent (send_email). An agent's reply from the case thread is
// in the thread already (a message going out), so its outbox row is not told twice.
const emailSource: TimelineSource = {
  kinds: ["email"],
  read({ tdb, recordId }, q) {
    const notAReply = sql`NOT EXISTS (SELECT 1 FROM inbox_messages m WHERE m.tenant_id = ${tdb.tenantId}
      AND m.direction = 'out' AND m.external_id = ${emailOutbox.messageId})`;
    const statement = tdb.db
      .select({
        id: emailOutbox.id,
        createdAt: emailOutbox.createdAt,
        to: emailOutbox.to,
        subject: emailOutbox.subject,
        body: emailOutbox.body,
        status: emailOutbox.status,
        sentAt: emailOutbox.sentAt,
        error: emailOutbox.error,
      })
      .from(emailOutbox)
      .where(
        tdb.scope(
          emailOutbox,
          eq(emailOutbox.recordId, recordId),
          notAReply,
          olderThan(emailOutbox.createdAt, emailOutbox.id, q.after),
        ),
      )
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(q.limit);
    return sourceRead(statement, (rows) =>
      rows.map((m) => ({
        id: m.id,
        at: m.createdAt,
        kind: "email",
        actorId: null,
        summary: `To ${m.to}: ${m.subject}`,
        data: { to: m.to, subject: m.subject, body: m.body, status: m.status, sentAt: iso(m.sentAt), error: m.error },
      })),
    );
  },
};

export const TIMELINE_SOURCES: TimelineSource[] = [auditSource, activitySource, messageSource, emailSource];

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
