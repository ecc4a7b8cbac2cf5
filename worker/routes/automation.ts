import { createRoute, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { emailOutbox, tenants } from "../db/schema";
import { tenantHub } from "../lib/hub";
import { badRequest, notFound, unauthenticated } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { itemsOf } from "../shared/config/snapshot";
import { currentSnapshot } from "../services/config/current";
import { deliveryKey, verifyDeliverySignature } from "../services/automation/webhook-auth";
import { resolveSecret } from "../services/secrets/store";
import { TenantDb } from "../db/tenant-db";

// services/automation/run.ts StepResult: one action's outcome, in the order the actions ran.
const RunStepSchema = z
  .object({
    action: z.string(),
    type: z.string(),
    status: z.enum(["done", "failed", "skipped"]),
    at: z.string(),
    result: z.unknown().optional().openapi({ description: "What the action answered (its executor's output)" }),
    error: z.string().optional(),
  })
  .openapi("RunStep");

const RunSchema = z
  .object({
    id: z.string(),
    automation: z.string(),
    entity: z.string(),
    trigger: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed", "skipped"]),
    attempts: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    error: z.string().optional(),
    configVersion: z.number().int(),
    depth: z.number().int(),
    steps: z.array(RunStepSchema),
  })
  .openapi("AutomationRun");

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const automation = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/hooks/{tenantSlug}/{triggerKey}",
      tags: ["Automations"],
      security: [], // signed, not signed-in
      summary: "Webhook trigger: body is any JSON, signed with the trigger's secret",
      description:
        'Header `x-pulse-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (refused when more ' +
        "than 5 minutes old or ahead), or the older `sha256=<hex HMAC-SHA256 of the body>`. The same signature " +
        "over the same body starts its runs once.",
      request: {
        params: z.object({
          tenantSlug: z
            .string()
            .min(1)
            .max(60)
            .openapi({ param: { name: "tenantSlug", in: "path" } }),
          triggerKey: z
            .string()
            .regex(CONFIG_NAME_RE)
            .openapi({ param: { name: "triggerKey", in: "path" } }),
        }),
        headers: z.object({
          "x-pulse-signature": z.string().optional(),
          "x-pulse-delivery": z.string().max(100).optional(),
        }),
      },
      responses: {
        202: jsonContent(z.object({ runId: z.string().nullable(), runIds: z.array(z.string()) }), "Accepted"),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { tenantSlug, triggerKey } = c.req.valid("param");
      const headers = c.req.valid("header");
      const [tenant] = await createDb(c.env.DB)
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.slug, tenantSlug))
        .limit(1);
      if (!tenant) throw notFound("No such webhook");
      const snapshot = await currentSnapshot(c.env, tenant.id, (p) => c.executionCtx.waitUntil(p));
      const entity = Object.keys(snapshot.trigger ?? {}).find(
        (e) => itemsOf(snapshot, "trigger", e)[triggerKey]?.on === "webhook",
      );
      const trigger = entity ? itemsOf(snapshot, "trigger", entity)[triggerKey] : undefined;
      if (!entity || trigger?.on !== "webhook") throw notFound("No such webhook");
      const raw = await c.req.text();
      const secret = await resolveSecret(c.env, await TenantDb.open(c.env, tenant.id), trigger.secret).catch(
        () => null,
      );
      if (secret === null) throw unauthenticated("This webhook's secret is not set");
      const verdict = await verifyDeliverySignature(secret, raw, headers["x-pulse-signature"]);
      if (!verdict.ok) throw unauthenticated(verdict.reason);
      let body: unknown;
      try {
        body = raw === "" ? null : JSON.parse(raw);
      } catch {
        throw badRequest("The body must be JSON");
      }
      const runIds = await tenantHub(c.env, tenant.id).webhook(
        entity,
        triggerKey,
        body,
        await deliveryKey(verdict.signature, raw),
      );
      return c.json({ runId: runIds[0] ?? null, runIds }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/admin/automation/runs",
      tags: ["Automations"],
      summary: "Automation runs, newest first",
      security: [{ bearer: [] }],
      middleware: [authenticate(), requireRole("admin")],
      request: {
        query: z.object({
          automation: z.string().regex(CONFIG_NAME_RE).optional(),
          status: z.enum(["queued", "running", "succeeded", "failed", "skipped"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: jsonContent(z.object({ items: z.array(RunSchema) }), "Runs"),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { tenantId } = c.var.principal;
      const runs = await tenantHub(c.env, tenantId).runs(c.req.valid("query"));
      return c.json(
        {
          items: runs.map((r) => ({
            id: r.id,
            automation: r.automation,
            entity: r.entity,
            trigger: r.trigger,
            status: r.status,
            attempts: r.attempts,
            createdAt: iso(r.createdAt)!,
            startedAt: iso(r.startedAt),
            finishedAt: iso(r.finishedAt),
            nextAttemptAt: r.status === "queued" ? iso(r.nextAt) : null,
            ...(r.error ? { error: r.error } : {}),
            configVersion: r.configVersion,
            depth: r.depth,
            steps: r.steps,
          })),
        },
        200,
      );
    },
  );

const Email = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    status: z.string(),
    provider: z.string().nullable(),
    entity: z.string().nullable(),
    recordId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("OutgoingEmail");

export const emails = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/admin/automation/emails",
    tags: ["Automations"],
    summary: "Email written by automations (the outbox), newest first",
    security: [{ bearer: [] }],
    middleware: [authenticate(), requireRole("admin")],
    request: {
      query: z.object({
        recordId: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: jsonContent(z.object({ items: z.array(Email) }), "Email"), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { recordId, limit } = c.req.valid("query");
    const tdb = c.var.tdb;
    const rows = await tdb.db
      .select()
      .from(emailOutbox)
      .where(tdb.scope(emailOutbox, recordId ? eq(emailOutbox.recordId, recordId) : undefined))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(limit);
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          to: r.to,
          subject: r.subject,
          body: r.body,
          status: r.status,
          provider: r.provider,
          entity: r.entity,
          recordId: r.recordId,
          createdAt: iso(r.createdAt)!,
        })),
      },
      200,
    );
  },
);
