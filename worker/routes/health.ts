import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { jsonContent } from "../lib/schemas";

export const health = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    security: [],
    tags: ["Operations"],
    summary: "Liveness check (no auth)",
    responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), "The Worker is up") },
  }),
  (c) => c.json({ ok: true as const }, 200),
);
