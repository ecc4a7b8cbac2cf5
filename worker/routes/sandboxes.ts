import { createRoute, z } from "@hono/zod-openapi";
import { createDb } from "../db/client";
import { tenantHub } from "../lib/hub";
import { ApiError, conflict } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, IdParam, jsonBody, jsonContent, RoleSchema } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { previewBundle } from "../services/config/bundle";
import { currentVersion, notePublished } from "../services/config/current";
import { forgetEgressFlags } from "../services/sandboxes/egress";
import { promotionInputs } from "../services/sandboxes/promote";
import {
  createSandbox,
  listSandboxes,
  sandboxOf,
  setSandboxEgress,
  switchSession,
  tenantRow,
} from "../services/sandboxes/sandboxes";
import { ConfigChangeSchema } from "./response-schemas";

const Sandbox = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    sandboxOf: z.string(),
    allowEgress: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Sandbox");
const Ref = z.object({ namespace: z.string(), entity: z.string(), key: z.string() });
const Detail = z.object({ path: z.string(), message: z.string() });
const Promotion = z
  .object({
    valid: z.boolean().optional(),
    version: z.number().int(),
    hash: z.string().optional(),
    publishedAt: z.string().optional(),
    changes: z.array(ConfigChangeSchema).optional(),
    items: z.array(ConfigChangeSchema.omit({ before: true, after: true })).optional(),
    errors: z.array(Detail).optional(),
    conflicts: z.array(Ref),
  })
  .openapi("SandboxPromotion");
const Switched = z
  .object({
    token: z.string(),
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), sandboxOf: z.string().nullable() }),
    role: RoleSchema,
  })
  .openapi("SandboxSession");
const IdParams = z.object({ id: IdParam.openapi({ param: { name: "id", in: "path" } }) });

const admin = { security: [{ bearer: [] }], middleware: [authenticate(), requireRole("admin")], tags: ["Sandboxes"] };

export const sandboxes = createRouter()
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/sandboxes",
      summary: "This tenant's sandboxes (and, inside a sandbox, its production tenant)",
      responses: {
        200: jsonContent(
          z.object({
            sandboxes: z.array(Sandbox),
            production: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
          }),
          "Sandboxes",
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const db = createDb(c.env.DB);
      const self = await tenantRow(db, c.var.principal.tenantId);
      const parent = self?.sandboxOf ? await tenantRow(db, self.sandboxOf) : undefined;
      return c.json(
        {
          sandboxes: await listSandboxes(db, c.var.principal.tenantId),
          production: parent ? { id: parent.id, slug: parent.slug, name: parent.name } : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/sandboxes",
      summary: "Create a sandbox: a tenant with a copy of the published config and you as its admin",
      description:
        "No other member, password or record is copied. A sandbox sends no e-mail and calls no webhooks unless " +
        "`allowEgress`.",
      request: {
        body: jsonBody(
          z.object({ name: z.string().trim().min(1).max(120), allowEgress: z.boolean().optional() }).strict(),
        ),
      },
      responses: { 201: jsonContent(z.object({ sandbox: Sandbox }), "Created"), ...errorResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const { name, allowEgress } = c.req.valid("json");
      const sandbox = await createSandbox(createDb(c.env.DB), c.env, {
        productionId: c.var.principal.tenantId,
        actorId: c.var.principal.userId,
        name,
        allowEgress,
      });
      return c.json({ sandbox }, 201);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "patch",
      path: "/admin/sandboxes/{id}",
      summary: "Allow or forbid a sandbox's e-mail and webhooks",
      request: { params: IdParams, body: jsonBody(z.object({ allowEgress: z.boolean() }).strict()) },
      responses: { 200: jsonContent(Sandbox, "Updated"), ...errorResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const sandbox = await setSandboxEgress(
        createDb(c.env.DB),
        c.var.principal.tenantId,
        c.req.valid("param").id,
        c.req.valid("json").allowEgress,
      );
      forgetEgressFlags();
      return c.json(sandbox, 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/sandboxes/{id}/session",
      summary: "A token for working in the sandbox (you must be its member)",
      request: { params: IdParams },
      responses: { 200: jsonContent(Switched, "Signed in to the sandbox"), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const db = createDb(c.env.DB);
      const sandbox = await sandboxOf(db, c.var.principal.tenantId, c.req.valid("param").id);
      return c.json(await switchSession(db, c.env, sandbox.id, c.var.principal.userId), 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/sandbox/production-session",
      summary: "From inside a sandbox: a token for its production tenant",
      responses: { 200: jsonContent(Switched, "Signed in to production"), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const db = createDb(c.env.DB);
      const self = await tenantRow(db, c.var.principal.tenantId);
      if (!self?.sandboxOf) throw new ApiError(404, "not_found", "This tenant is not a sandbox");
      return c.json(await switchSession(db, c.env, self.sandboxOf, c.var.principal.userId), 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/sandboxes/{id}/promote",
      summary: "Publish what the sandbox changed into production as one version (dryRun=true: the diff, item by item)",
      description:
        "Carries the sandbox's changes since it was created (added, modified and removed items); production items " +
        "the sandbox did not touch keep production's content. " +
        "`conflicts` lists items changed in both (the sandbox's version wins). Undo with one rollback to the " +
        "version before.",
      request: {
        params: IdParams,
        query: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
        body: jsonBody(
          z
            .object({ message: z.string().max(500).optional(), expectedVersion: z.number().int().min(0).optional() })
            .strict(),
        ),
      },
      responses: {
        200: jsonContent(Promotion, "Promoted, or the dry run"),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      const sandbox = await sandboxOf(createDb(c.env.DB), tenantId, c.req.valid("param").id);
      const { bundle, conflicts } = await promotionInputs(c.env, tenantId, sandbox.id);
      const body = c.req.valid("json");
      if (c.req.valid("query").dryRun === "true") {
        const current = await currentVersion(c.env, tenantId);
        const head = { version: current?.version ?? 0, hash: current?.hash ?? "" };
        return c.json(
          {
            ...previewBundle(head, current?.snapshot ?? {}, { ...bundle, expectedVersion: body.expectedVersion }),
            conflicts,
          },
          200,
        );
      }
      const reply = await tenantHub(c.env, tenantId).importBundle({
        ...bundle,
        actorId: userId,
        expectedVersion: body.expectedVersion,
        message: body.message ?? `Promote sandbox "${sandbox.name}"`,
      });
      notePublished(tenantId, reply);
      if (!reply.ok) {
        if (reply.refusal.code === "nothing_to_publish")
          throw conflict("nothing_to_publish", "Production already has every change of this sandbox");
        throw new ApiError(reply.refusal.status, reply.refusal.code, reply.refusal.message, reply.refusal.details);
      }
      return c.json({ ...reply.result, conflicts }, 200);
    },
  );
