import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { emailOutbox, tenants } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { newId } from "../../lib/ids";
import { emailProviderFor, type Delivery, type EmailMessage } from "../automation/email-provider";
import { DEFAULT_INBOUND_DOMAIN, inboundAddresses } from "./addresses";

// Sending: the outbox row is written first (with whatever else the send belongs to, in one
// batch), then the provider is called and the row updated. A crash between the two leaves the
// row "queued" rather than sending twice: mail is better lost visibly than duplicated.

type OutboxRow = typeof emailOutbox.$inferInsert;

/** The From of tenant mail: OUTBOUND_FROM, else the tenant's own inbound address (replies come back). */
export async function fromAddressOf(env: Env, tenantId: string): Promise<string> {
  if (env.OUTBOUND_FROM) return env.OUTBOUND_FROM;
  const [tenant] = await createDb(env.DB)
    .select({ slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return inboundAddresses(env, tenant?.slug ?? "unknown")[0]!;
}

/** A globally unique Message-ID on the sending domain. */
export function newMessageId(env: Pick<Env, "INBOUND_EMAIL_DOMAIN">, prefix: string): string {
  return `<${newId(prefix)}@${(env.INBOUND_EMAIL_DOMAIN || DEFAULT_INBOUND_DOMAIN).toLowerCase()}>`;
}

export function queuedOutboxRow(
  tdb: TenantDb,
  message: Required<Pick<EmailMessage, "to" | "subject" | "body" | "from">> & { headers: Record<string, string> },
  extra: { id: string; entity: string | null; recordId: string | null; now: number },
): OutboxRow {
  return tdb.own({
    id: extra.id,
    to: message.to,
    subject: message.subject,
    body: message.body,
    fromAddress: message.from,
    headers: message.headers,
    messageId: message.headers["Message-ID"] ?? null,
    status: "queued",
    provider: null,
    error: null,
    entity: extra.entity,
    recordId: extra.recordId,
    createdAt: extra.now,
    sentAt: null,
  });
}

/** Hands a queued outbox row's message to the provider and records the outcome. */
export async function dispatch(
  env: Env,
  tdb: TenantDb,
  outboxId: string,
  message: EmailMessage,
  now = Date.now(),
): Promise<Delivery & { provider: string }> {
  const provider = emailProviderFor(env);
  const delivery = await provider.send(message);
  await tdb.db
    .update(emailOutbox)
    .set({
      status: delivery.status,
      provider: provider.name,
      error: delivery.error ?? null,
      sentAt: delivery.status === "sent" ? now : null,
    })
    .where(tdb.scope(emailOutbox, eq(emailOutbox.id, outboxId)));
  return { ...delivery, provider: provider.name };
}
