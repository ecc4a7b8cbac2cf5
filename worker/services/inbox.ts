import { desc, eq, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../db/batch";
import { isUniqueViolation } from "../db/d1-errors";
import { inboxMessages, recordUniques, records } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import { validationFailed } from "../lib/errors";
import { newId } from "../lib/ids";
import { uniqueKey, validateRecordValues } from "../shared/records/validate-values";
import { auditInsert } from "./audit";
import { attachmentsOf } from "./email/attachments";
import { loadEntity, ownerScoped, type EntityContext } from "./records/entity";
import { getRecordRow, presentRecord, type RecordRow } from "./records/read";
import { createOptions, newRecordWrite, refusal } from "./records/write";

// Email, chat and web messages become cases: the sender is matched to a customer by email (or
// becomes one), and the message opens a case or joins the open case of its thread. Everything a
// message creates is written in one batch, and the same externalId twice is one message.

export type IncomingMessage = {
  channel: "email" | "chat" | "web";
  externalId: string;
  from: { email: string; name?: string };
  subject?: string;
  body: string;
  threadId?: string;
  /** Set by the e-mail channel: the thread its headers point at, a case its subject names, the verdicts. */
  threadKey?: string;
  caseId?: string;
  toEmail?: string;
  auth?: Record<string, string>;
};

type Row = typeof inboxMessages.$inferSelect;
export type Entities = { customers: EntityContext; cases: EntityContext };

/** The published customers and cases entities the inbox writes to. */
export async function inboxEntities(
  env: Env,
  tenantId: string,
  wait?: (p: Promise<unknown>) => void,
): Promise<Entities> {
  const [customers, cases] = await Promise.all([
    loadEntity(env, tenantId, "customers", wait),
    loadEntity(env, tenantId, "cases", wait),
  ]);
  if (!customers.form.fields.some((f) => f.name === "email"))
    throw validationFailed([
      { path: "form/customers/default", message: "the customers form needs an email field for the inbox" },
    ]);
  return { customers, cases };
}

export const presentMessage = (m: Row) => ({
  id: m.id,
  channel: m.channel,
  externalId: m.externalId,
  from: { email: m.fromEmail, name: m.fromName },
  subject: m.subject,
  body: m.body,
  caseId: m.caseId,
  customerId: m.customerId,
  receivedAt: new Date(m.receivedAt).toISOString(),
  direction: m.direction,
  to: m.toEmail,
  auth: m.auth ?? null,
});

/** "Re: Fwd: Printer broken " → "printer broken": replies stay in the thread of the original. */
export function normalizeSubject(subject: string | undefined): string {
  let s = (subject ?? "").trim();
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/^(re|fw|fwd|aw|sv|antw)\s*(\[\d+\])?\s*:\s*/i, "");
  }
  return s.toLowerCase().replace(/\s+/g, " ");
}

async function findMessage(tdb: TenantDb, externalId: string) {
  const [row] = await tdb.db
    .select()
    .from(inboxMessages)
    .where(tdb.scope(inboxMessages, eq(inboxMessages.externalId, externalId)))
    .limit(1);
  return row;
}

async function findCustomer(tdb: TenantDb, customers: EntityContext, email: string): Promise<string | undefined> {
  const field = customers.form.fields.find((f) => f.name === "email")!;
  if (field.unique) {
    const [claim] = await tdb.db
      .select({ id: recordUniques.recordId })
      .from(recordUniques)
      .where(
        tdb.scope(
          recordUniques,
          eq(recordUniques.entity, "customers"),
          eq(recordUniques.field, "email"),
          eq(recordUniques.value, String(uniqueKey(field, email))),
        ),
      )
      .limit(1);
    return claim?.id;
  }
  const [row] = await tdb.db.values<[string]>(
    sql`SELECT id FROM records WHERE tenant_id = ${tdb.tenantId} AND entity = 'customers' AND deleted_at IS NULL
      AND lower(json_extract(data, '$.email')) = ${email} ORDER BY created_at LIMIT 1`,
  );
  return row?.[0];
}

/** The open case of a thread, if its latest message's case is still open. */
async function openCaseOf(tdb: TenantDb, cases: EntityContext, threadKey: string): Promise<string | undefined> {
  const [last] = await tdb.db
    .select({ caseId: inboxMessages.caseId })
    .from(inboxMessages)
    .where(tdb.scope(inboxMessages, eq(inboxMessages.threadKey, threadKey)))
    .orderBy(desc(inboxMessages.receivedAt))
    .limit(1);
  return last && (await isOpenCase(tdb, cases, last.caseId)) ? last.caseId : undefined;
}

export async function isOpenCase(tdb: TenantDb, cases: EntityContext, caseId: string): Promise<boolean> {
  const [row] = await tdb.db
    .select({ status: records.status })
    .from(records)
    .where(
      tdb.scope(records, eq(records.id, caseId), eq(records.entity, cases.entity), sql`${records.deletedAt} IS NULL`),
    )
    .limit(1);
  if (!row) return false;
  return (cases.workflow?.steps.find((s) => s.key === row.status)?.category ?? "open") === "open";
}

/** Only the fields the case form has: subject, customer, channel, description. */
function caseValues(cases: EntityContext, msg: IncomingMessage, customerId: string): Record<string, unknown> {
  const has = (name: string) => cases.form.fields.find((f) => f.name === name);
  const values: Record<string, unknown> = {};
  if (has("subject"))
    values.subject = msg.subject?.trim() || msg.body.trim().split("\n")[0]!.slice(0, 120) || "(no subject)";
  if (has("customer")?.type === "reference") values.customer = customerId;
  if (has("channel")?.options?.some((o) => o.value === msg.channel)) values.channel = msg.channel;
  if (has("description")) values.description = msg.body;
  return values;
}

type NewValues = { values: Record<string, unknown>; now: number; skipRefs?: string[] };

function newRecord(tdb: TenantDb, ctx: EntityContext, actor: Pick<Principal, "userId" | "role">, input: NewValues) {
  const { values, now, skipRefs = [] } = input;
  // The message supplies only what it knows; fields an admin made required are completed later.
  const checked = validateRecordValues(ctx.form, values, { ...createOptions(ctx, actor, now), skipRequired: true });
  if (!checked.ok)
    throw refusal(
      checked.status,
      checked.errors.map((e) => ({ ...e, path: `${ctx.entity}.${e.path}` })),
    );
  if (checked.references.some((r) => !skipRefs.includes(r.id)))
    throw validationFailed([{ path: ctx.entity, message: "unexpected reference" }]);
  return newRecordWrite(tdb, ctx, actor, { ...checked, references: [] }, now, {
    ownerId: actor.userId.startsWith("inbox") ? null : actor.userId,
  });
}

export type IngestResult = { created: boolean; message: Row; caseRow: RecordRow; customerRow: RecordRow };

export async function ingestMessage(
  tdb: TenantDb,
  e: Entities,
  actor: Principal,
  msg: IncomingMessage,
  now = Date.now(),
): Promise<IngestResult> {
  try {
    return await ingestOnce(tdb, e, actor, msg, now);
  } catch (error) {
    // Another message from the same new sender created the customer first: look again.
    if (isUniqueViolation(error, "record_uniques")) return ingestOnce(tdb, e, actor, msg, now);
    throw error;
  }
}

async function ingestOnce(
  tdb: TenantDb,
  e: Entities,
  actor: Principal,
  msg: IncomingMessage,
  now: number,
): Promise<IngestResult> {
  const existing = await findMessage(tdb, msg.externalId);
  if (existing) return { created: false, message: existing, ...(await rowsOf(tdb, e, existing)) };
  const email = msg.from.email.trim().toLowerCase();
  const statements: Statement[] = [];
  let customerId = await findCustomer(tdb, e.customers, email);
  if (!customerId) {
    const customer = newRecord(tdb, e.customers, actor, {
      values: { name: msg.from.name?.trim() || email.split("@")[0], email },
      now,
    });
    statements.push(...customer.statements);
    customerId = customer.row.id;
  }
  const threadKey =
    msg.threadKey ??
    (msg.threadId ? `thread:${msg.threadId}` : `subject:${customerId}:${normalizeSubject(msg.subject)}`);
  let caseId =
    msg.caseId && (await isOpenCase(tdb, e.cases, msg.caseId)) ? msg.caseId : await openCaseOf(tdb, e.cases, threadKey);
  if (!caseId) {
    const created = newRecord(tdb, e.cases, actor, {
      values: caseValues(e.cases, msg, customerId),
      now,
      skipRefs: [customerId],
    });
    statements.push(...created.statements);
    caseId = created.row.id;
  }
  const message: Row = {
    id: newId("msg"),
    tenantId: tdb.tenantId,
    channel: msg.channel,
    externalId: msg.externalId,
    fromEmail: email,
    fromName: msg.from.name ?? null,
    subject: msg.subject ?? null,
    body: msg.body,
    threadKey,
    customerId,
    caseId,
    receivedAt: now,
    direction: "in",
    toEmail: msg.toEmail ?? null,
    auth: msg.auth ?? null,
  };
  statements.push(
    tdb.db.insert(inboxMessages).values(message),
    auditInsert(tdb, {
      actorId: actor.userId,
      action: "inbox.message",
      targetType: "record",
      targetId: caseId,
      after: { channel: msg.channel, from: email, subject: msg.subject ?? null },
      at: now,
    }),
  );
  try {
    await runBatch(tdb.db, statements);
  } catch (error) {
    // The same message delivered twice at once: the other delivery won; answer with its result.
    const raced = isUniqueViolation(error) ? await findMessage(tdb, msg.externalId) : undefined;
    if (!raced) throw error;
    return { created: false, message: raced, ...(await rowsOf(tdb, e, raced)) };
  }
  return { created: true, message, ...(await rowsOf(tdb, e, message)) };
}

async function rowsOf(tdb: TenantDb, e: Entities, m: Row) {
  const system: Principal = { userId: "inbox", tenantId: tdb.tenantId, role: "admin", sessionId: "" };
  return {
    caseRow: await getRecordRow(tdb, e.cases, system, m.caseId),
    customerRow: await getRecordRow(tdb, e.customers, system, m.customerId),
  };
}

export function presentIngest(r: IngestResult, e: Entities, role: Principal["role"]) {
  return {
    message: presentMessage(r.message),
    case: presentRecord(r.caseRow, e.cases, role),
    customer: presentRecord(r.customerRow, e.customers, role),
  };
}

/** Threads (one per case), newest activity first, with the case's status and the customer. */
export async function listThreads(
  tdb: TenantDb,
  e: Entities,
  principal: Principal,
  status: "open" | "all",
  limit = 100,
) {
  const visible = ownerScoped(e.cases, principal.role)
    ? sql` AND (c.owner_id = ${principal.userId} OR c.assignee_id = ${principal.userId})`
    : sql``;
  const rows = await tdb.db.values<
    [string, number, number, string | null, string, string | null, string | null, string, string, string | null]
  >(sql`
    SELECT m.case_id, max(m.received_at), count(*),
      (SELECT subject FROM inbox_messages f WHERE f.tenant_id = m.tenant_id AND f.case_id = m.case_id
      ORDER BY f.received_at LIMIT 1),
      c.data, c.status,
      (SELECT body FROM inbox_messages l WHERE l.tenant_id = m.tenant_id AND l.case_id = m.case_id
      ORDER BY l.received_at DESC LIMIT 1),
      m.customer_id, cu.data, cu.id
    FROM inbox_messages m
    JOIN records c ON c.id = m.case_id AND c.tenant_id = m.tenant_id AND c.deleted_at IS NULL
    LEFT JOIN records cu ON cu.id = m.customer_id AND cu.tenant_id = m.tenant_id
    WHERE m.tenant_id = ${tdb.tenantId}${visible}
    GROUP BY m.case_id ORDER BY max(m.received_at) DESC LIMIT ${limit}`);
  const openSteps = (s: string | null) =>
    (e.cases.workflow?.steps.find((x) => x.key === s)?.category ?? "open") === "open";
  return rows
    .filter(([, , , , , caseStatus]) => status === "all" || openSteps(caseStatus))
    .map(([caseId, last, count, firstSubject, caseData, caseStatus, lastBody, customerId, customerData]) => {
      const c = JSON.parse(caseData) as Record<string, unknown>;
      const cu = customerData ? (JSON.parse(customerData) as Record<string, unknown>) : {};
      return {
        caseId,
        subject: (c.subject as string | undefined) ?? firstSubject,
        status: caseStatus,
        lastMessageAt: new Date(last).toISOString(),
        messageCount: count,
        preview: (lastBody ?? "").slice(0, 200),
        customer: {
          id: customerId,
          name: (cu.name as string | undefined) ?? null,
          email: (cu.email as string | undefined) ?? null,
        },
      };
    });
}

export async function threadMessages(tdb: TenantDb, caseId: string) {
  const rows = await tdb.db
    .select()
    .from(inboxMessages)
    .where(tdb.scope(inboxMessages, eq(inboxMessages.caseId, caseId)))
    .orderBy(inboxMessages.receivedAt)
    .limit(500);
  const files = await attachmentsOf(
    tdb,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...presentMessage(r), attachments: files.get(r.id) ?? [] }));
}
