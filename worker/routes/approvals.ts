import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { tenantHub } from "../durable/hub";
import type { AppEnv } from "../lib/app-env";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { commitDecision, decide, listApprovals } from "../services/approvals";
import { loadVersion } from "../services/config/snapshot-store";
import { loadEntity } from "../services/records/entity";
import { updateRecord } from "../services/records/write";

const common = { tags: ["Approvals"], security: [{ bearer: [] }] };

const snapshotAt = (c: Context<AppEnv>) => async (version: number) =>
  (await loadVersion(c.env, c.var.principal.tenantId, version, (p) => c.executionCtx.waitUntil(p)))?.snapshot ?? {};

export const approvalsRoutes = createRouter()
  .openapi(
    createRoute({
      ...common, method: "get", path: "/crm/approvals", summary: "Approval requests; mine=true for those waiting on me",
      middleware: [authenticate()],
      request: {
        query: z.object({
          status: z.enum(["pending", "approved", "rejected", "cancelled"]).optional(),
          mine: z.enum(["true", "false"]).default("false"),
          recordId: z.string().min(1).max(64).optional(),
        }),
      },
      responses: { 200: jsonContent(z.object({ items: z.array(z.unknown()) }), "Requests"), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json({ items: await listApprovals(c.var.tdb, snapshotAt(c), c.var.principal, { status: q.status, mine: q.mine === "true", recordId: q.recordId }) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common, method: "post", path: "/crm/approvals/{id}/decision", summary: "Approve or reject (approvers of the current step; never your own request)",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }) }),
        body: jsonBody(z.object({ decision: z.enum(["approve", "reject"]), comment: z.string().max(2000).optional() }).strict()),
      },
      responses: { 200: jsonContent(z.unknown().openapi("Approval"), "Decided"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { decision, comment } = c.req.valid("json");
      const { tenantId, userId } = c.var.principal;
      const outcome = await decide(c.var.tdb, snapshotAt(c), c.var.principal, c.req.valid("param").id, decision, comment);
      const change = outcome.row.change as Record<string, unknown> | null;
      if (outcome.final === "approved" && change) {
        // The held change is applied in the same batch as the decision that releases it.
        const ctx = await loadEntity(c.env, tenantId, outcome.row.entity, (p) => c.executionCtx.waitUntil(p));
        await updateRecord(c.var.tdb, ctx, { ...c.var.principal, userId, role: "admin" }, outcome.row.recordId, change, undefined, Date.now(), { first: outcome.statements });
      } else {
        await commitDecision(c.var.tdb, outcome.statements);
      }
      c.executionCtx.waitUntil(tenantHub(c.env, tenantId).drainEvents(tenantId).catch(() => undefined));
      return c.json(outcome.view, 200);
    },
  );
