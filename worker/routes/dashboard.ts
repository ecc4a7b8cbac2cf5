import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { currentSnapshot } from "../services/config/current";
import { dashboardMetrics } from "../services/dashboard";
import { tenantHub } from "../lib/hub";

const Metrics = z
  .object({
    customers: z.object({ total: z.number() }),
    deals: z.object({
      total: z.number(),
      open: z.number(),
      won: z.number(),
      lost: z.number(),
      pipelineValue: z.number().nullable(),
      wonValue: z.number().nullable(),
      byStage: z.array(
        z.object({
          stage: z.string().nullable(),
          label: z.string().nullable(),
          count: z.number(),
          value: z.number().nullable(),
        }),
      ),
    }),
    cases: z.object({
      total: z.number(),
      open: z.number(),
      byStatus: z.array(z.object({ status: z.string().nullable(), label: z.string().nullable(), count: z.number() })),
      breached: z.number(),
      slaCompliance: z.number().nullable(),
    }),
    activities: z.object({ open: z.number(), overdue: z.number() }),
  })
  .openapi("DashboardMetrics");

export const dashboard = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/crm/dashboard/metrics",
    tags: ["Dashboard"],
    summary: "Counts and sums for the dashboard, computed in the database",
    security: [{ bearer: [] }],
    middleware: [authenticate()],
    responses: { 200: jsonContent(Metrics, "Metrics"), ...errorResponses(401) },
  }),
  async (c) => {
    const { tenantId } = c.var.principal;
    const [snapshot, sla] = await Promise.all([
      currentSnapshot(c.env, tenantId, (p) => c.executionCtx.waitUntil(p)),
      tenantHub(c.env, tenantId).slaCounts(),
    ]);
    return c.json(await dashboardMetrics(c.var.tdb, snapshot, c.var.principal, sla), 200);
  },
);
