import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { tenants } from "../db/schema";
import { tenantHub } from "../durable/hub";
import { notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent, TenantSchema } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { currentSnapshot } from "../services/config/current";
import { gateUsage } from "../services/limits/gate";
import { LIMIT_NAMES, limitsOf, type LimitName } from "../services/limits/limits";
import { shareUsage } from "../services/limits/shares";

const Limit = z.object({ limit: z.number().int(), used: z.number().int().nullable() });

const TenantInfo = z
  .object({
    tenant: TenantSchema,
    shard: z.string().openapi({ description: "The D1 database (binding) that holds this tenant's data" }),
    usage: z.record(z.string(), z.number()),
    limits: z.record(z.string(), Limit),
  })
  .openapi("TenantInfo");

const count = (items: Record<string, Record<string, unknown>> | undefined) => Object.values(items ?? {}).reduce((n, e) => n + Object.keys(e ?? {}).length, 0);

export const tenantAdmin = createRouter().openapi(
  createRoute({
    method: "get", path: "/admin/tenant", tags: ["Tenancy"], security: [{ bearer: [] }], middleware: [authenticate(), requireRole("admin")],
    summary: "This tenant: its placement, and its usage against each limit",
    description: "Sockets and queued runs are exact (the tenant object); request and write rates are this Worker isolate's count in the current minute; sizes are the current snapshot's.",
    responses: { 200: jsonContent(TenantInfo, "The tenant"), ...errorResponses(401, 403) },
  }),
  async (c) => {
    const { tenantId } = c.var.principal;
    // tenants is a control-plane table (env.DB), not tenant data.
    const [tenant] = await createDb(c.env.DB).select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw notFound();
    const [held, snapshot] = await Promise.all([tenantHub(c.env, tenantId).usage(tenantId), currentSnapshot(c.env, tenantId, (p) => c.executionCtx.waitUntil(p))]);
    const usage: Partial<Record<LimitName, number>> = {
      ...shareUsage(tenantId),
      // This request holds one of the slots itself.
      concurrentRequestsPerTenant: gateUsage(tenantId).active,
      waitingRequestsPerTenant: gateUsage(tenantId).waiting,
      socketsPerTenant: held.sockets,
      queuedRuns: held.queuedRuns,
      runsPerTenant: held.runsThisMinute,
      automations: count(snapshot.automation),
      snapshotBytes: new TextEncoder().encode(JSON.stringify(snapshot)).length,
    };
    const limits = limitsOf(c.env);
    return c.json({
      tenant,
      shard: "DB",
      usage: usage as Record<string, number>,
      limits: Object.fromEntries(LIMIT_NAMES.map((name) => [name, { limit: limits[name], used: usage[name] ?? null }])),
    }, 200);
  },
);
