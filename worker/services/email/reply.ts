import { desc, eq } from "drizzle-orm";
import { runBatch } from "../../db/batch";
import { emailOutbox, inboxMessages, records } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { validationFailed } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { auditInsert } from "../audit";
import { presentMessage, type Entities } from "../inbox";
import { getRecordRow } from "../records/read";
import { dispatch, fromAddressOf, newMessageId, queuedOutboxRow } from "./outbound";
import { caseFromSubject, caseToken } from "./threading";

// An agent's answer from a case's thread. It carries Message-ID / In-Reply-To / References and
// the case token in the subject, so the customer's answer to it lands on the same case.

const MAX_REFERENCES = 10;

type Row = typeof inboxMessages.$inferSelect;

export type ReplyInput = {
  env: Env;
  tdb: TenantDb;
  e: Entities;
  principal: Principal;
  caseId: string;
  body: string;
  subject?: string;
  now?: number;
};

export async function replyToCase(input: ReplyInput) {
  const { env, tdb, e, principal, caseId } = input;
  const now = input.now ?? Date.now();
  const caseRow = await getRecordRow(tdb, e.cases, principal, caseId); // 404 unless the caller may see the case
  const thread = await tdb.db
    .select()
    .from(inboxMessages)
    .where(tdb.scope(inboxMessages, eq(inboxMessages.caseId, caseId)))
    .orderBy(desc(inboxMessages.receivedAt))
    .limit(200);
  const lastIn = thread.find((m) => m.direction === "in");
  const recipient = lastIn
    ? { email: lastIn.fromEmail, customerId: lastIn.customerId }
    : await customerOf(tdb, caseRow.data.customer);
  if (!recipient)
    throw validationFailed(
      [{ path: "caseId", message: "the case has no customer e-mail address to reply to" }],
      "There is nobody to reply to",
    );

  const from = await fromAddressOf(env, tdb.tenantId);
  const subject = replySubject(
    input.subject,
    thread.at(-1)?.subject ?? (caseRow.data.subject as string | undefined),
    caseId,
  );
  const headers = threadingHeaders(newMessageId(env, "reply"), thread, lastIn);
  const message: Row = {
    id: newId("msg"),
    tenantId: tdb.tenantId,
    channel: "email",
    externalId: headers["Message-ID"]!,
    fromEmail: from,
    fromName: null,
    subject,
    body: input.body,
    threadKey: thread[0]?.threadKey ?? `case:${caseId}`,
    customerId: recipient.customerId,
    caseId,
    receivedAt: now,
    direction: "out",
    toEmail: recipient.email,
    auth: null,
  };
  const outboxId = newId("eml");
  const mail = { to: recipient.email, subject, body: input.body, from, headers };
  await runBatch(tdb.db, [
    tdb.db.insert(inboxMessages).values(message),
    tdb.db
      .insert(emailOutbox)
      .values(queuedOutboxRow(tdb, mail, { id: outboxId, entity: e.cases.entity, recordId: caseId, now })),
    auditInsert(tdb, {
      actorId: principal.userId,
      action: "inbox.reply",
      targetType: "record",
      targetId: caseId,
      after: { to: recipient.email, subject },
      at: now,
    }),
  ]);
  const delivery = await dispatch(env, tdb, outboxId, mail, now);
  return {
    message: presentMessage(message),
    delivery: {
      status: delivery.status,
      provider: delivery.provider,
      ...(delivery.error ? { error: delivery.error } : {}),
    },
  };
}

/** "Re: <the thread's subject> [Case #id]" unless the agent wrote a subject; the token always. */
function replySubject(given: string | undefined, original: string | undefined, caseId: string): string {
  const base =
    given?.trim() ||
    (original?.trim() ? (/^re:/i.test(original.trim()) ? original.trim() : `Re: ${original.trim()}`) : "Your case");
  return caseFromSubject(base) === caseId ? base : `${base} ${caseToken(caseId)}`;
}

/** Message-ID, and In-Reply-To/References naming the thread's mail (newest `thread` first). */
function threadingHeaders(messageId: string, thread: Row[], lastIn: Row | undefined): Record<string, string> {
  const ids = thread
    .filter((m) => m.channel === "email" && m.externalId.startsWith("<"))
    .map((m) => m.externalId)
    .reverse()
    .slice(-MAX_REFERENCES);
  const parent = lastIn?.channel === "email" && lastIn.externalId.startsWith("<") ? lastIn.externalId : ids.at(-1);
  return {
    "Message-ID": messageId,
    ...(parent ? { "In-Reply-To": parent } : {}),
    ...(ids.length ? { References: ids.join(" ") } : {}),
  };
}

async function customerOf(
  tdb: TenantDb,
  customerId: unknown,
): Promise<{ email: string; customerId: string } | undefined> {
  if (typeof customerId !== "string") return undefined;
  const [row] = await tdb.db
    .select({ data: records.data })
    .from(records)
    .where(tdb.scope(records, eq(records.id, customerId), eq(records.entity, "customers")))
    .limit(1);
  const email = (row?.data as Record<string, unknown> | undefined)?.email;
  return typeof email === "string" && email.includes("@") ? { email: email.toLowerCase(), customerId } : undefined;
}
