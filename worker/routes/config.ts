import { createRoute, z } from "@hono/zod-openapi";
import { tenantHub } from "../lib/hub";
import { ApiError, notFound } from "../lib/errors";
import { etagOf, parseIfMatch } from "../lib/if-match";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { diffSnapshots } from "../shared/config/diff";
import { NAMESPACES } from "../shared/config/namespaces";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { deleteDraft, discardDraft, getItem, listConfigItems, presentItem, saveDraft } from "../services/config/drafts";
import { currentSnapshot, notePublished } from "../services/config/current";
import { getRawItem } from "../shared/config/snapshot";
import { listVersions } from "../services/config/history";
import { loadVersion } from "../services/config/snapshot-store";
import { redactSnapshot } from "../shared/config/redact";
import { limitsOf, overSize } from "../services/limits/limits";
import { validateDraft } from "../services/config/validate-draft";
import type { PublishReply } from "../durable/tenant-hub";
import { ConfigChangeSchema, ConfigVersionSchema, SnapshotSchema } from "./response-schemas";

const Name = z.string().regex(CONFIG_NAME_RE, "must match ^[a-z][a-z0-9_]{0,39}$");
const ItemParams = z.object({
  namespace: z.enum(NAMESPACES).openapi({ param: { name: "namespace", in: "path" } }),
  entity: Name.openapi({ param: { name: "entity", in: "path" } }),
  key: Name.openapi({ param: { name: "key", in: "path" } }),
});
const ItemRef = z.object({ namespace: z.enum(NAMESPACES), entity: Name, key: Name }).strict();
const Status = z.enum(["draft", "published", "archived"]);
const ItemSummary = z
  .object({
    namespace: z.string(),
    entity: z.string(),
    key: z.string(),
    status: Status,
    revision: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    pendingDelete: z.boolean(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
    updatedByName: z.string().nullable().optional().openapi({ description: "In lists: the name of updatedBy" }),
  })
  .openapi("ConfigItemSummary");
const Item = ItemSummary.extend({ config: z.unknown() }).openapi("ConfigItem");
const Change = z.object({
  namespace: z.string(),
  entity: z.string(),
  key: z.string(),
  change: z.enum(["added", "removed", "modified"]),
});
const PublishResult = z
  .object({ version: z.number().int(), hash: z.string(), publishedAt: z.string(), items: z.array(Change) })
  .openapi("PublishResult");
const Version = z.object({
  version: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "version", in: "path" } }),
});
const ifMatchHeader = z.object({ "if-match": z.string().optional() });

const admin = {
  security: [{ bearer: [] }],
  middleware: [authenticate(), requireRole("admin")],
  tags: ["Configuration"],
};

function unwrap(tenantId: string, reply: PublishReply) {
  notePublished(tenantId, reply);
  if (!reply.ok)
    throw new ApiError(reply.refusal.status, reply.refusal.code, reply.refusal.message, reply.refusal.details);
  return reply.result;
}

export const configAdmin = createRouter()
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/config",
      summary: "Config items with their status",
      request: {
        query: z.object({
          namespace: z.enum(NAMESPACES).optional(),
          entity: Name.optional(),
          status: Status.optional(),
        }),
      },
      responses: {
        200: jsonContent(z.object({ items: z.array(ItemSummary) }), "Items"),
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => c.json({ items: await listConfigItems(c.var.tdb, c.req.valid("query")) }, 200),
  )
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/config/{namespace}/{entity}/{key}/draft",
      summary: "An item's working copy",
      request: { params: ItemParams },
      responses: { 200: jsonContent(Item, "The draft; etag is its revision"), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const row = await getItem(c.var.tdb, c.req.valid("param"));
      if (!row || row.status === "archived") throw notFound("No such config item");
      return c.json(presentItem(row), 200, { etag: etagOf(row.revision) });
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "put",
      path: "/admin/config/{namespace}/{entity}/{key}/draft",
      summary: 'Save a draft (If-Match: "<revision>" makes it a compare-and-swap)',
      request: {
        params: ItemParams,
        headers: ifMatchHeader,
        body: jsonBody(z.object({ config: z.record(z.string(), z.unknown()) }).strict()),
      },
      responses: {
        200: jsonContent(Item, "Saved"),
        201: jsonContent(Item, "Created"),
        ...errorResponses(400, 401, 403, 412, 413, 422),
      },
    }),
    async (c) => {
      const expected = parseIfMatch(c.req.valid("header")["if-match"]);
      const { draftBytes } = limitsOf(c.env);
      const bytes = new TextEncoder().encode(JSON.stringify(c.req.valid("json").config)).length;
      if (bytes > draftBytes) throw overSize("draftBytes", draftBytes, bytes);
      const { item, created } = await saveDraft(c.var.tdb, c.var.principal.userId, {
        id: c.req.valid("param"),
        config: c.req.valid("json").config,
        expectedRevision: expected,
      });
      return c.json(item, created ? 201 : 200, { etag: etagOf(item.revision) });
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "delete",
      path: "/admin/config/{namespace}/{entity}/{key}/draft",
      summary: "Mark an item for removal at the next publish",
      request: { params: ItemParams, headers: ifMatchHeader },
      responses: { 200: jsonContent(Item, "Marked"), ...errorResponses(400, 401, 403, 404, 412) },
    }),
    async (c) => {
      const expected = parseIfMatch(c.req.valid("header")["if-match"]);
      return c.json(await deleteDraft(c.var.tdb, c.var.principal.userId, c.req.valid("param"), expected), 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/config/{namespace}/{entity}/{key}/discard",
      summary: "Throw away unpublished changes (the working copy becomes the published config)",
      request: { params: ItemParams },
      responses: { 200: jsonContent(Item, "Discarded"), ...errorResponses(400, 401, 403, 404, 412) },
    }),
    async (c) => {
      const id = c.req.valid("param");
      const snapshot = await currentSnapshot(c.env, c.var.principal.tenantId, (p) => c.executionCtx.waitUntil(p));
      return c.json(
        await discardDraft(
          c.var.tdb,
          c.var.principal.userId,
          id,
          getRawItem(snapshot, id.namespace, id.entity, id.key),
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/config/{namespace}/{entity}/{key}/validate",
      summary: "Check a draft's structure and references against the snapshot it would produce",
      description:
        "With a body `{ config }`, checks that config in the draft's place instead (an edit not saved yet); " +
        "nothing is saved either way.",
      request: {
        params: ItemParams,
        body: {
          required: false,
          content: { "application/json": { schema: z.object({ config: z.unknown() }).strict() } },
        },
      },
      responses: {
        200: jsonContent(
          z.object({
            valid: z.boolean(),
            errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
          }),
          "Result",
        ),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const edited = (c.req.valid("json") as { config?: unknown } | undefined)?.config;
      const errors = await validateDraft(
        c.env,
        c.var.tdb,
        c.req.valid("param"),
        (p) => c.executionCtx.waitUntil(p),
        edited === undefined ? undefined : { config: edited },
      );
      return c.json(errors.length === 0 ? { valid: true } : { valid: false, errors }, 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/config/publish",
      summary: "Publish drafts as the next version (atomic; serialized per tenant)",
      request: {
        body: jsonBody(
          z
            .object({
              items: z.array(ItemRef).min(1).max(1000).optional(),
              expectedVersion: z.number().int().min(0).optional(),
              message: z.string().max(500).optional(),
            })
            .strict(),
        ),
      },
      responses: { 200: jsonContent(PublishResult, "Published"), ...errorResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { tenantId, userId } = c.var.principal;
      return c.json(unwrap(tenantId, await tenantHub(c.env, tenantId).publish({ ...body, actorId: userId })), 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/config/rollback",
      summary: "Publish a new version whose content equals an older one",
      request: {
        body: jsonBody(
          z.object({ version: z.number().int().positive(), message: z.string().max(500).optional() }).strict(),
        ),
      },
      responses: { 200: jsonContent(PublishResult, "Rolled back"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { tenantId, userId } = c.var.principal;
      return c.json(
        unwrap(tenantId, await tenantHub(c.env, tenantId).rollback({ ...c.req.valid("json"), actorId: userId })),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/config/versions",
      summary: "Published versions, newest first",
      responses: {
        200: jsonContent(z.object({ versions: z.array(ConfigVersionSchema) }), "Versions"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ versions: await listVersions(c.var.tdb) }, 200),
  )
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/config/versions/{version}",
      summary: "The full snapshot of a version (credentials redacted; secrets are references)",
      request: { params: Version },
      responses: {
        200: jsonContent(z.object({ version: z.number(), hash: z.string(), snapshot: SnapshotSchema }), "Snapshot"),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const loaded = await loadVersion(c.env, c.var.principal.tenantId, c.req.valid("param").version, (p) =>
        c.executionCtx.waitUntil(p),
      );
      if (!loaded) throw notFound("No such version");
      return c.json({ version: loaded.version, hash: loaded.hash, snapshot: redactSnapshot(loaded.snapshot) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/config/diff",
      summary: "What changed between two versions",
      request: { query: z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().positive() }) },
      responses: {
        200: jsonContent(z.object({ changes: z.array(ConfigChangeSchema) }), "Changes"),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { from, to } = c.req.valid("query");
      const { tenantId } = c.var.principal;
      const wait = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
      const [a, b] = await Promise.all([
        from === 0 ? { snapshot: {} } : loadVersion(c.env, tenantId, from, wait),
        loadVersion(c.env, tenantId, to, wait),
      ]);
      if (!a || !b) throw notFound("No such version");
      return c.json({ changes: diffSnapshots(redactSnapshot(a.snapshot), redactSnapshot(b.snapshot)) }, 200);
    },
  );
