import { createRoute, z } from "@hono/zod-openapi";
import { tenantHub } from "../lib/hub";
import { badRequest, notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent } from "../lib/schemas";
import { authenticate } from "../middleware/auth";
import { deltaBetween } from "../shared/config/diff";
import { loadVersion } from "../services/config/snapshot-store";
import { SnapshotSchema } from "./response-schemas";

const Query = z.object({
  version: z.coerce.number().int().positive().optional().openapi({ description: "An exact, immutable version" }),
  sinceVersion: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ description: "304 when current, else the delta or the full snapshot" }),
});

const Ref = { namespace: z.string(), entity: z.string(), key: z.string() };
const FullConfig = z
  .object({ version: z.number().int(), hash: z.string(), snapshot: SnapshotSchema })
  .openapi("RuntimeSnapshot");
const DeltaConfig = z
  .object({
    version: z.number().int(),
    hash: z.string(),
    delta: z.object({ set: z.array(z.object({ ...Ref, config: z.unknown() })), removed: z.array(z.object(Ref)) }),
  })
  .openapi("RuntimeDelta");
const RuntimeConfig = z.union([FullConfig, DeltaConfig]).openapi("RuntimeConfig");

const LATEST = { "cache-control": "private, no-cache" };
const IMMUTABLE = { "cache-control": "private, max-age=31536000, immutable" };

function json(body: string, headers: Record<string, string>) {
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

const etagMatches = (header: string | undefined, hash: string) =>
  header !== undefined && header.split(",").some((t) => t.trim().replace(/^W\//, "") === `"${hash}"`);

export const runtime = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/runtime/config",
    tags: ["Runtime"],
    summary: "The published configuration (secrets redacted)",
    security: [{ bearer: [] }],
    middleware: [authenticate()],
    request: { query: Query, headers: z.object({ "if-none-match": z.string().optional() }) },
    responses: {
      200: jsonContent(RuntimeConfig, "The snapshot, or a delta for sinceVersion"),
      304: { description: "Not modified" },
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const { version, sinceVersion } = c.req.valid("query");
    const { tenantId } = c.var.principal;
    const wait = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
    const ifNoneMatch = c.req.valid("header")["if-none-match"];

    if (version !== undefined) {
      const loaded = await loadVersion(c.env, tenantId, version, wait);
      if (!loaded) throw notFound("No such version");
      const headers = { etag: `"${loaded.hash}"`, ...IMMUTABLE };
      return etagMatches(ifNoneMatch, loaded.hash) ? c.body(null, 304, headers) : json(loaded.publicBody, headers);
    }

    const head = await tenantHub(c.env, tenantId).current();
    const headers = { etag: `"${head.hash}"`, ...LATEST };
    if (sinceVersion !== undefined && sinceVersion > head.version)
      throw badRequest(`Version ${sinceVersion} does not exist yet`);
    if (sinceVersion === head.version || etagMatches(ifNoneMatch, head.hash)) return c.body(null, 304, headers);
    if (head.version === 0) throw notFound("This tenant has no published configuration");

    const latest = await loadVersion(c.env, tenantId, head.version, wait);
    if (!latest) throw notFound("No such version");
    const base = sinceVersion ? await loadVersion(c.env, tenantId, sinceVersion, wait) : undefined;
    if (!base) return json(latest.publicBody, headers);
    const delta = deltaBetween(base.publicSnapshot, latest.publicSnapshot);
    return json(JSON.stringify({ version: latest.version, hash: latest.hash, delta }), headers);
  },
);
