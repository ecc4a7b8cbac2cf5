import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../lib/app-env";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { loadEntity } from "../services/records/entity";
import { relatedRecords } from "../services/records/related";
import { recordTimeline } from "../services/records/timeline";
import { TIMELINE_KINDS, type TimelineKind } from "../services/records/timeline-sources";
import { RecordSchema } from "./response-schemas";

// The record's 360° view: what points at it, and everything that happened to it.

const EntityParam = z
  .string()
  .regex(CONFIG_NAME_RE)
  .openapi({ param: { name: "entity", in: "path" }, example: "customers" });
const IdParam = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: "id", in: "path" } });
const params = z.object({ entity: EntityParam, id: IdParam });
const member = { tags: ["Records"], security: [{ bearer: [] }] };
const wait = (c: Context<AppEnv>) => (p: Promise<unknown>) => c.executionCtx.waitUntil(p);

const RelatedGroup = z
  .object({
    entity: z.string(),
    field: z.string().openapi({ description: "the reference field of `entity` that points at this record" }),
    title: z.string(),
    columns: z.array(z.string()).openapi({ description: "fields to show, readable by the caller" }),
    total: z.number().int(),
    items: z.array(RecordSchema),
  })
  .openapi("RelatedGroup");

const TimelineEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    summary: z.string(),
    actor: z
      .object({ id: z.string().nullable(), name: z.string(), kind: z.enum(["member", "automation", "system"]) })
      .optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("TimelineEntry");

const Kinds = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const kinds = s
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean);
    const bad = kinds.filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
    if (bad.length)
      ctx.addIssue({
        code: "custom",
        message: `unknown kinds: ${bad.join(", ")} (one of ${TIMELINE_KINDS.join(", ")})`,
      });
    return kinds as TimelineKind[];
  })
  .openapi({ type: "string", description: `comma separated: ${TIMELINE_KINDS.join(", ")}` });

export const records360 = createRouter()
  .openapi(
    createRoute({
      ...member,
      method: "get",
      path: "/crm/{entity}/{id}/related",
      summary: "Records of other entities whose reference field points at this one",
      description:
        "Grouped by (entity, reference field), newest first, at most `limit` (default 20) per group with the " +
        "group's total. The form's `related` list chooses the groups; fields the caller may not read are left " +
        "out, and so is a group whose reference field they may not read.",
      middleware: [authenticate()],
      request: { params, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
      responses: {
        200: jsonContent(z.object({ groups: z.array(RelatedGroup) }), "Related lists"),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      return c.json(
        { groups: await relatedRecords(c.var.tdb, ctx, c.var.principal, id, { limit: c.req.valid("query").limit }) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "get",
      path: "/crm/{entity}/{id}/timeline",
      summary: "History, activities, messages, SLA events and approvals, newest first",
      description:
        "Cursor paged (`nextCursor`). `kinds` filters. Changes to fields the caller may not read are left out.",
      middleware: [authenticate()],
      request: {
        params,
        query: z.object({
          cursor: z.string().max(300).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          kinds: Kinds.optional(),
        }),
      },
      responses: {
        200: jsonContent(
          z.object({ items: z.array(TimelineEntry), nextCursor: z.string().nullable() }),
          "A page of the timeline",
        ),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      return c.json(await recordTimeline(c.var.tdb, ctx, c.var.principal, id, c.req.valid("query")), 200);
    },
  );
