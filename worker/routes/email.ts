import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { tenants } from "../db/schema";
import { notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, IdParam, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { inboundAddresses } from "../services/email/addresses";
import { getAttachment } from "../services/email/attachments";
import { replyToCase } from "../services/email/reply";
import { inboxEntities } from "../services/inbox";
import { getRecordRow } from "../services/records/read";
import { StoredMessageSchema } from "./response-schemas";

// E-mail as a channel: where a tenant's mail arrives, the files it brought, and agents' replies.
// (Mail itself arrives through the Worker's email() handler, not a route.)

const Reply = z
  .object({
    body: z.string().trim().min(1).max(100_000),
    subject: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: 'Default: "Re: <the thread\'s subject>"; the case token is always added' }),
  })
  .strict()
  .openapi("InboxReply");
const CaseParam = z.object({ caseId: IdParam.openapi({ param: { name: "caseId", in: "path" } }) });

const common = { tags: ["Inbox"], security: [{ bearer: [] }] };

export const emailChannel = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/inbox/address",
      summary: "Where this tenant's mail is received",
      description:
        "Email Routing delivers these addresses to the Worker's email() handler; a mail to one of them opens or " +
        "joins a case like POST /crm/inbox/messages.",
      middleware: [authenticate(), requireRole("admin")],
      responses: {
        200: jsonContent(z.object({ addresses: z.array(z.string()) }), "Addresses"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      // The tenants table is the control plane: it lives on DB, not on the tenant's shard.
      const [tenant] = await createDb(c.env.DB)
        .select({ slug: tenants.slug })
        .from(tenants)
        .where(eq(tenants.id, c.var.principal.tenantId))
        .limit(1);
      if (!tenant) throw notFound();
      return c.json({ addresses: inboundAddresses(c.env, tenant.slug) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/inbox/attachments/{id}",
      summary: "Download a file that came with an inbound mail",
      description: "Anyone who may read the message's case may download it; otherwise 404.",
      middleware: [authenticate()],
      request: { params: z.object({ id: IdParam.openapi({ param: { name: "id", in: "path" } }) }) },
      responses: {
        200: { description: "The file", content: { "application/octet-stream": { schema: z.string() } } },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const row = await getAttachment(c.var.tdb, c.req.valid("param").id);
      const { cases } = await inboxEntities(c.env, c.var.principal.tenantId, (p) => c.executionCtx.waitUntil(p));
      await getRecordRow(c.var.tdb, cases, c.var.principal, row.caseId); // 404 unless the caller may see the case
      const object = row.r2Key ? await c.env.FILES.get(row.r2Key) : null;
      if (!object) throw notFound(row.stored ? "The file is missing from storage" : "The file was too large to keep");
      return new Response(object.body, {
        status: 200,
        headers: {
          "content-type": row.contentType,
          "content-length": String(row.size),
          // Never rendered in the app's origin: a mailed HTML file must not run as the app.
          "content-disposition":
            `attachment; filename="${row.filename.replace(/[^\x20-\x7e]/g, "_")}"; ` +
            `filename*=UTF-8''${encodeURIComponent(row.filename)}`,
          "x-content-type-options": "nosniff",
          "content-security-policy": "sandbox",
          "cache-control": "private, no-store",
        },
      });
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/crm/inbox/{caseId}/reply",
      summary: "Reply to the customer by e-mail from the case's thread",
      description:
        "Sent through Cloudflare's send_email binding when configured, else kept in the outbox (local " +
        "development); `delivery` says which. The mail carries Message-ID, In-Reply-To, References and `[Case " +
        "#<id>]` in the subject, so the customer's answer joins this case.",
      middleware: [authenticate(), requireRole("agent")],
      request: { params: CaseParam, body: jsonBody(Reply) },
      responses: {
        201: jsonContent(
          z.object({
            message: StoredMessageSchema,
            delivery: z.object({
              status: z.enum(["sent", "stored", "failed"]),
              provider: z.string(),
              error: z.string().optional(),
            }),
          }),
          "Replied",
        ),
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const e = await inboxEntities(c.env, c.var.principal.tenantId, (p) => c.executionCtx.waitUntil(p));
      const { body, subject } = c.req.valid("json");
      const result = await replyToCase({
        env: c.env,
        tdb: c.var.tdb,
        e,
        principal: c.var.principal,
        caseId: c.req.valid("param").caseId,
        body,
        subject,
      });
      return c.json(result, 201);
    },
  );
