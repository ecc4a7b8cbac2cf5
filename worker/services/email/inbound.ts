import PostalMime, { type Email } from "postal-mime";
import { TenantDb } from "../../db/tenant-db";
import { placementOf } from "../tenancy/directory";
import { tenantHub } from "../../lib/hub";
import type { Principal } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { inboxEntities, ingestMessage, type IncomingMessage, type IngestResult } from "../inbox";
import { tenantForRecipient } from "./addresses";
import { storeAttachments } from "./attachments";
import { authVerdicts, caseFromSubject, normalizeMessageId, referencedIds, threadOfReferences } from "./threading";

// The Worker's email() handler: Cloudflare Email Routing delivers each message for the inbound
// addresses here. The recipient names the tenant; the mail then goes through the same ingest as
// POST /api/crm/inbox/messages (customer by sender, case by thread, idempotent by Message-ID).

export const MAX_RAW_BYTES = 25 * 1024 * 1024; // Email Routing's own limit
const MAX_BODY = 100_000;

export type Received = { status: "rejected"; reason: string } | { status: "ingested"; result: IngestResult };

export async function receiveEmail(
  message: ForwardableEmailMessage,
  env: Env,
  ctx: ExecutionContext,
): Promise<Received> {
  const reject = (reason: string): Received => {
    message.setReject(reason);
    return { status: "rejected", reason };
  };
  const tenant = await tenantForRecipient(env, message.to);
  if (!tenant) return reject("Unknown recipient");
  if (message.rawSize > MAX_RAW_BYTES) return reject("Message too large");
  const raw = await new Response(message.raw).arrayBuffer();
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer" });
  const placement = await placementOf(env, tenant.id);
  // Being moved to another shard: a thrown error is a temporary failure, and the sender retries.
  if (placement.frozen) throw new Error(`tenant ${tenant.id} is frozen (moving shards); try again later`);
  const tdb = await TenantDb.open(env, tenant.id, { write: true }, placement);
  const actor: Principal = { userId: "inbox", tenantId: tenant.id, role: "admin", sessionId: "" };
  let result: IngestResult;
  try {
    const e = await inboxEntities(env, tenant.id, (p) => ctx.waitUntil(p));
    result = await ingestMessage(tdb, e, actor, await toIncoming(tdb, parsed, message, raw));
  } catch (error) {
    // The tenant's config cannot take mail (no cases entity, a required field the mail lacks):
    // bounce it so the sender knows, rather than retrying a message that can never land.
    if (error instanceof ApiError && error.status < 500)
      return reject(`This mailbox cannot accept mail: ${error.message}`);
    throw error;
  }
  const { message: row } = result;
  // Also on a redelivery: it finishes the files a crash may have left out.
  await storeAttachments({
    files: env.FILES,
    tdb,
    messageId: row.id,
    caseId: row.caseId,
    externalId: row.externalId,
    parts: parsed.attachments,
    now: row.receivedAt,
  });
  if (result.created)
    ctx.waitUntil(
      tenantHub(env, tenant.id)
        .drainEvents()
        .catch(() => undefined),
    );
  return { status: "ingested", result };
}

async function toIncoming(
  tdb: TenantDb,
  parsed: Email,
  message: ForwardableEmailMessage,
  raw: ArrayBuffer,
): Promise<IncomingMessage> {
  const externalId = await normalizeMessageId(parsed.messageId, raw);
  const thread = await threadOfReferences(tdb, referencedIds(parsed.inReplyTo, parsed.references));
  const sender =
    parsed.from && "address" in parsed.from && parsed.from.address ? parsed.from : { address: message.from, name: "" };
  return {
    channel: "email",
    externalId,
    from: { email: sender.address!, name: sender.name || undefined },
    subject: parsed.subject?.slice(0, 500),
    body: (bodyText(parsed) || "(no text)").slice(0, MAX_BODY),
    // A mail that answers nothing we know threads like any inbox message: by sender and subject.
    threadKey: thread?.threadKey,
    caseId: thread?.caseId ?? caseFromSubject(parsed.subject),
    toEmail: message.to.toLowerCase(),
    auth: authVerdicts(message.headers.get("authentication-results")),
  };
}

/** The plain-text part, else the HTML part reduced to text. */
function bodyText(parsed: Email): string {
  if (parsed.text?.trim()) return parsed.text.trim();
  if (!parsed.html) return "";
  return parsed.html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}
