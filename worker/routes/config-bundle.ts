import { createRoute, z } from "@hono/zod-openapi";
import { tenantHub } from "../lib/hub";
import type { PublishReply } from "../durable/tenant-hub";
import { ApiError, notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { previewBundle } from "../services/config/bundle";
import { currentVersion, notePublished } from "../services/config/current";
import { readHead } from "../services/config/publish";
import { loadVersion } from "../services/config/snapshot-store";
import { BUNDLE_FORMAT, bundleOf } from "../shared/config/bundle";

// Names are checked by the config validation (so a dry run lists them with paths), not here.
const Ref = { namespace: z.string().min(1).max(40), entity: z.string().min(1).max(64), key: z.string().min(1).max(64) };
const BundleItem = z.object({ ...Ref, config: z.unknown() }).strict();
const Bundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.number().int().min(0).optional(),
    items: z.array(BundleItem).max(5000),
  })
  .openapi("ConfigBundle");
const BundlePush = Bundle.extend({
  remove: z.array(z.object(Ref).strict()).max(5000).optional(),
  expectedVersion: z.number().int().min(0).optional(),
  message: z.string().max(500).optional(),
})
  .strict()
  .openapi("ConfigBundlePush");
const Detail = z.object({ path: z.string(), message: z.string() });
const DryRun = z
  .object({ valid: z.boolean(), version: z.number().int(), changes: z.array(z.unknown()), errors: z.array(Detail) })
  .openapi("ConfigBundleDryRun");
const Published = z
  .object({ version: z.number().int(), hash: z.string(), publishedAt: z.string(), items: z.array(z.unknown()) })
  .openapi("ConfigBundlePublished");

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

export const configBundle = createRouter()
  .openapi(
    createRoute({
      ...admin,
      method: "get",
      path: "/admin/config/bundle",
      summary: "The published config as a portable bundle (no tenant ids; secrets redacted)",
      request: { query: z.object({ version: z.coerce.number().int().positive().optional() }) },
      responses: { 200: jsonContent(Bundle, "The bundle"), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { version } = c.req.valid("query");
      const { tenantId } = c.var.principal;
      const wait = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
      const loaded =
        version === undefined
          ? await currentVersion(c.env, tenantId, wait)
          : await loadVersion(c.env, tenantId, version, wait);
      if (!loaded && version !== undefined) throw notFound("No such version");
      return c.json(bundleOf(loaded?.snapshot ?? {}, loaded?.version ?? 0), 200);
    },
  )
  .openapi(
    createRoute({
      ...admin,
      method: "post",
      path: "/admin/config/bundle",
      summary: "Publish a bundle as one version (dryRun=true: the diff and every error, nothing changed)",
      description:
        "Every item of the bundle is set, every `remove` entry removed; items the bundle does not mention are kept. " +
        'A redacted secret ("***") keeps the secret the tenant has at that place. All or nothing: 422 lists ' +
        "errors with paths into the bundle; " +
        "a stale `expectedVersion` is 409.",
      request: { query: z.object({ dryRun: z.enum(["true", "false"]).optional() }), body: jsonBody(BundlePush) },
      responses: {
        200: {
          description: "Published, or the dry run's result",
          content: { "application/json": { schema: z.union([Published, DryRun]) } },
        },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { format: _format, version: _version, ...body } = c.req.valid("json");
      const { tenantId, userId } = c.var.principal;
      if (c.req.valid("query").dryRun === "true") {
        const loaded = await currentVersion(c.env, tenantId, (p) => c.executionCtx.waitUntil(p));
        const head = loaded ? { version: loaded.version, hash: loaded.hash } : await readHead(c.var.tdb);
        return c.json(previewBundle(head, loaded?.snapshot ?? {}, body), 200);
      }
      return c.json(unwrap(tenantId, await tenantHub(c.env, tenantId).importBundle({ ...body, actorId: userId })), 200);
    },
  );
