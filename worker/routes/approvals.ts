import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../lib/app-env";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { decideApproval, redactApproval, snapshotAtFor, visibleApprovals } from "../services/approval-decision";
import { currentSnapshot } from "../services/config/current";
import { getItem } from "../shared/config/snapshot";
import { listApprovals } from "../services/approvals";
import { ApprovalSchema } from "./response-schemas";

const common = { tags: ["Approvals"], security: [{ bearer: [] }] };

const snapshotAt = (c: Context<AppEnv>) =>
  snapshotAtFor({ env: c.env, principal: c.var.principal, waitUntil: (p) => c.executionCtx.waitUntil(p) });

export const approvalsRoutes = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/approvals",
      summary: "Approval requests; mine=true for those waiting on me",
      middleware: [authenticate()],
      request: {
        query: z.object({
          status: z.enum(["pending", "approved", "rejected", "cancelled"]).optional(),
          mine: z.enum(["true", "false"]).default("false"),
          recordId: z.string().min(1).max(64).optional(),
        }),
      },
      responses: {
        200: jsonContent(z.object({ items: z.array(ApprovalSchema) }), "Requests"),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { tdb, principal } = c.var;
      const views = await listApprovals(tdb, snapshotAt(c), principal, {
        status: q.status,
        mine: q.mine === "true",
        recordId: q.recordId,
      });
      const snapshot = await currentSnapshot(c.env, principal.tenantId, (p) => c.executionCtx.waitUntil(p));
      return c.json({ items: await visibleApprovals(tdb, snapshot, principal, views) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/crm/approvals/{id}/decision",
      summary: "Approve or reject (approvers of the current step; never your own request)",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(64)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
        body: jsonBody(
          z.object({ decision: z.enum(["approve", "reject"]), comment: z.string().max(2000).optional() }).strict(),
        ),
      },
      responses: { 200: jsonContent(ApprovalSchema, "Decided"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { decision, comment } = c.req.valid("json");
      const deps = {
        env: c.env,
        tdb: c.var.tdb,
        principal: c.var.principal,
        waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
      };
      const view = await decideApproval(deps, c.req.valid("param").id, decision, comment);
      const form = getItem(
        await currentSnapshot(c.env, deps.principal.tenantId, deps.waitUntil),
        "form",
        view.entity,
        "default",
      );
      return c.json(form ? redactApproval(view, form, deps.principal.role) : { ...view, change: null }, 200);
    },
  );
