import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { currentVersion } from "../services/config/current";
import { searchAll } from "../services/search";

export const search = createRouter().openapi(
  createRoute({
    tags: ["Records"],
    security: [{ bearer: [] }],
    method: "get",
    path: "/crm/search",
    summary: "Search every entity the caller can read",
    description:
      "Every word must match as a prefix. Title-prefix matches first, then by relevance (bm25), newest first " +
      "among equals. `title` is the record's title field (its first text field the caller may read). `snippet` is " +
      "the indexed field where the words occur, `marks` the [start, end) character ranges of the matching words " +
      "in its `text` (plain text: escape it when rendering).",
    middleware: [authenticate()],
    request: {
      query: z.object({
        q: z.string().max(200).default(""),
        limit: z.coerce.number().int().min(1).max(50).default(20),
        entities: z
          .string()
          .max(400)
          .optional()
          .openapi({ description: "comma-separated entities to search (default: all)" }),
      }),
    },
    responses: {
      200: jsonContent(
        z.object({
          items: z.array(
            z.object({
              entity: z.string(),
              id: z.string(),
              title: z.string(),
              record: z.record(z.string(), z.unknown()),
              snippet: z
                .object({
                  field: z.string(),
                  text: z.string(),
                  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
                })
                .nullable(),
            }),
          ),
        }),
        "Matches",
      ),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    const { q, limit, entities } = c.req.valid("query");
    const list = entities
      ?.split(",")
      .map((e) => e.trim())
      .filter((e) => CONFIG_NAME_RE.test(e));
    const current = await currentVersion(c.env, c.var.principal.tenantId, (p) => c.executionCtx.waitUntil(p));
    if (!current) return c.json({ items: [] }, 200);
    const items = await searchAll(c.var.tdb, c.var.principal, {
      snapshot: current.snapshot,
      configVersion: current.version,
      q,
      limit,
      entities: list,
    });
    return c.json({ items }, 200);
  },
);
