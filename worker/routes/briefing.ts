import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { recordBriefing } from "../services/briefing/briefing";
import { loadEntity } from "../services/records/entity";
import { getRecordRow } from "../services/records/read";

const BriefingSchema = z
  .object({
    summary: z.string(),
    nextSteps: z.array(z.string()),
    talkingPoints: z.array(z.string()),
    sentiment: z.enum(["positive", "neutral", "negative"]),
    risks: z.array(z.string()),
    source: z.enum(["workers-ai", "built-in"]),
    generatedAt: z.string(),
    version: z.number().int(),
    signals: z.array(z.object({ kind: z.string() }).passthrough()).openapi({
      description:
        "What the built-in analyst found: sla_breached, sla_at_risk, stale_stage, unanswered_message, " +
        "overdue_tasks, pending_approval",
    }),
  })
  .openapi("Briefing");

export const briefing = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/crm/{entity}/{id}/briefing",
    tags: ["Records"],
    security: [{ bearer: [] }],
    summary: "A briefing on the record: summary, next steps, talking points, sentiment, risks",
    description:
      "Written only from what the caller may read. Workers AI when the Worker has an AI binding, else the " +
      "built-in analyst (source: built-in). Cached per record version.",
    middleware: [authenticate()],
    request: {
      params: z.object({
        entity: z
          .string()
          .regex(CONFIG_NAME_RE)
          .openapi({ param: { name: "entity", in: "path" } }),
        id: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: { 200: jsonContent(BriefingSchema, "The briefing"), ...errorResponses(401, 404) },
  }),
  async (c) => {
    const { entity, id } = c.req.valid("param");
    const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
    const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, waitUntil);
    const row = await getRecordRow(c.var.tdb, ctx, c.var.principal, id); // 404 unless the caller may see it
    const result = await recordBriefing(
      { env: c.env, tdb: c.var.tdb, principal: c.var.principal, waitUntil },
      ctx,
      row,
    );
    return c.json(result, 200);
  },
);
