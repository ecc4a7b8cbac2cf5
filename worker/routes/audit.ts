import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { listAudit } from "../services/audit";

const AuditItem = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    action: z.string(),
    target: z.string(),
    via: z.string().optional().openapi({ description: "The API key the actor acted through" }),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .openapi("AuditItem");

export const audit = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/admin/audit",
    tags: ["Audit"],
    summary: "The tenant's audit trail, newest first",
    security: [{ bearer: [] }],
    middleware: [authenticate(), requireRole("manager")],
    request: {
      query: z.object({
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: jsonContent(z.object({ items: z.array(AuditItem), nextCursor: z.string().nullable() }), "A page"),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => c.json(await listAudit(c.var.tdb, c.req.valid("query")), 200),
);
