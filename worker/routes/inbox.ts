import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context, Next } from "hono";
import { createDb } from "../db/client";
import { tenants } from "../db/schema";
import { TenantDb } from "../db/tenant-db";
import { assertWritable, BOOKMARK_HEADER } from "../middleware/bookmark";
import { placementOf } from "../services/tenancy/directory";
import { tenantHub } from "../lib/hub";
import type { AppEnv } from "../lib/app-env";
import { unauthenticated } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { verifySignature } from "../services/automation/webhook-auth";
import { ingestKey } from "../services/inbox-key";
import { inboxEntities, ingestMessage, listThreads, presentIngest, threadMessages } from "../services/inbox";
import { getRecordRow } from "../services/records/read";
import { InboxThreadSchema, RecordSchema, StoredMessageSchema } from "./response-schemas";

const Message = z
  .object({
    channel: z.enum(["email", "chat", "web"]),
    externalId: z.string().trim().min(1).max(200),
    from: z.object({ email: z.string().trim().email().max(254), name: z.string().trim().max(200).optional() }).strict(),
    subject: z.string().max(500).optional(),
    body: z.string().min(1).max(100_000),
    threadId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "The gateway's conversation id; else threads by customer + subject" }),
  })
  .strict()
  .openapi("InboxMessage");

/**
 * A member's token (agent or above), or a mail/chat gateway's signature: `x-pulse-tenant: <slug>`
 * and `x-pulse-signature: sha256=<hex HMAC of the body with the tenant's ingest key>`.
 */
async function inboxAuth(c: Context<AppEnv>, next: Next) {
  const slug = c.req.header("x-pulse-tenant");
  if (!slug || c.req.header("authorization")) {
    return authenticate()(c, async () => {
      await requireRole("agent")(c, next);
    });
  }
  const db = createDb(c.env.DB);
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  const raw = await c.req.raw.clone().text();
  if (!tenant || !(await verifySignature(await ingestKey(c.env, tenant.id), raw, c.req.header("x-pulse-signature")))) {
    throw unauthenticated("The ingest signature does not match");
  }
  c.set("principal", { userId: "inbox", tenantId: tenant.id, role: "admin", sessionId: "" });
  const placement = await placementOf(c.env, tenant.id);
  assertWritable(placement);
  c.set(
    "tdb",
    await TenantDb.open(c.env, tenant.id, { bookmark: c.req.header(BOOKMARK_HEADER), write: true }, placement),
  );
  await next();
}

function entities(c: Context<AppEnv>) {
  return inboxEntities(c.env, c.var.principal.tenantId, (p) => c.executionCtx.waitUntil(p));
}

const Ingested = z.object({ message: StoredMessageSchema, case: RecordSchema, customer: RecordSchema });

const common = { tags: ["Inbox"], security: [{ bearer: [] }] };

export const inbox = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/crm/inbox/messages",
      summary: "Ingest an email/chat/web message (opens or joins a case)",
      description:
        "Agent token, or a gateway signature (x-pulse-tenant + x-pulse-signature with the ingest key). The same " +
        "externalId twice is one message (200).",
      middleware: [inboxAuth],
      request: { body: jsonBody(Message) },
      responses: {
        201: jsonContent(Ingested, "Ingested"),
        200: jsonContent(Ingested, "Already ingested"),
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const e = await entities(c);
      const result = await ingestMessage(c.var.tdb, e, c.var.principal, c.req.valid("json"));
      if (result.created) {
        const { tenantId } = c.var.principal;
        c.executionCtx.waitUntil(
          tenantHub(c.env, tenantId)
            .drainEvents()
            .catch(() => undefined),
        );
      }
      return c.json(presentIngest(result, e, c.var.principal.role), result.created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/inbox",
      summary: "Message threads (one per case), newest first",
      middleware: [authenticate()],
      request: { query: z.object({ status: z.enum(["open", "all"]).default("open") }) },
      responses: {
        200: jsonContent(z.object({ items: z.array(InboxThreadSchema) }), "Threads"),
        ...errorResponses(400, 401),
      },
    }),
    async (c) =>
      c.json(
        { items: await listThreads(c.var.tdb, await entities(c), c.var.principal, c.req.valid("query").status) },
        200,
      ),
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/inbox/{caseId}/messages",
      summary: "The messages of one case's thread, oldest first",
      middleware: [authenticate()],
      request: {
        params: z.object({
          caseId: z
            .string()
            .min(1)
            .max(64)
            .openapi({ param: { name: "caseId", in: "path" } }),
        }),
      },
      responses: {
        200: jsonContent(z.object({ items: z.array(StoredMessageSchema) }), "Messages"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { caseId } = c.req.valid("param");
      const { cases } = await entities(c);
      await getRecordRow(c.var.tdb, cases, c.var.principal, caseId); // 404 unless the caller may see the case
      return c.json({ items: await threadMessages(c.var.tdb, caseId) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/inbox/ingest-key",
      summary: "The key a mail or chat gateway signs messages with",
      middleware: [authenticate(), requireRole("admin")],
      responses: {
        200: jsonContent(z.object({ tenant: z.string(), key: z.string(), howTo: z.string() }), "Key"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { tenantId } = c.var.principal;
      const [tenant] = await c.var.tdb.control
        .select({ slug: tenants.slug })
        .from(tenants)
        .where(eq(tenants.id, tenantId))
        .limit(1);
      return c.json(
        {
          tenant: tenant!.slug,
          key: await ingestKey(c.env, tenantId),
          howTo:
            "POST /api/crm/inbox/messages with headers x-pulse-tenant: <tenant> and x-pulse-signature: " +
            "sha256=<hex HMAC-SHA256 of the raw body with key>",
        },
        200,
      );
    },
  );
