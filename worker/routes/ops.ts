import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import { TenantDb } from "../db/tenant-db";
import type { AppEnv } from "../lib/app-env";
import { ApiError, unauthenticated } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { readPlacement } from "../services/tenancy/directory";
import {
  createEmptyTenant,
  knownShard,
  purgeRows,
  rowCounts,
  setFrozen,
  switchShard,
  tenantOrThrow,
} from "../services/tenancy/ops";
import { exportStream, importLines, parseLines } from "../services/tenancy/portable";
import { shardDatabase, shardNames } from "../services/tenancy/placement";

/**
 * Operator routes: placement of tenants on shards (freeze, copy, switch, purge) and imports into
 * fresh tenants. Not for tenants' members: `Authorization: Bearer <OPS_TOKEN>` (a secret of the
 * deployment). Without OPS_TOKEN configured these routes do not exist (404).
 */
function opsOnly() {
  return createMiddleware<AppEnv>(async function opsOnly(c, next) {
    const expected = c.env.OPS_TOKEN;
    if (!expected) throw new ApiError(404, "not_found", `No route for ${c.req.method} ${c.req.path}`);
    const header = c.req.header("authorization") ?? "";
    const given = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
    const [a, b] = [new TextEncoder().encode(given), new TextEncoder().encode(expected)];
    if (a.byteLength !== b.byteLength || !crypto.subtle.timingSafeEqual(a, b))
      throw unauthenticated("The operator token does not match");
    await next();
  });
}

const ops = { tags: ["Operations"], security: [{ bearer: [] }], middleware: [opsOnly()] };
const TenantParam = z.object({ id: z.string().min(1).max(64) });
const ShardQuery = z.object({
  shard: z
    .string()
    .regex(/^(DB|SHARD_[A-Z0-9_]+)$/)
    .optional(),
});
const Placement = z.object({ tenantId: z.string(), shard: z.string(), frozen: z.boolean() }).openapi("Placement");
const NDJSON = { "application/x-ndjson": { schema: z.string() } };

/** An NDJSON download. (Typed `never`: hono's typed responses know JSON and text/*, not application/x-ndjson.) */
export function ndjson(stream: ReadableStream<Uint8Array>, filename: string): never {
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  }) as never;
}

const placement = async (env: Env, tenantId: string) => ({
  tenantId,
  ...(await readPlacement(createDb(env.DB), tenantId)),
});

export const opsRoutes = createRouter()
  .openapi(
    createRoute({
      ...ops,
      method: "get",
      path: "/ops/shards",
      summary: "The shards of this deployment and their tenants",
      responses: {
        200: jsonContent(
          z.object({
            shards: z.array(z.object({ name: z.string(), tenants: z.number().int(), bytes: z.number().nullable() })),
          }),
          "Shards",
        ),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const counts = await c.env.DB.prepare("SELECT shard, count(*) AS n FROM tenant_shards GROUP BY shard").all<{
        shard: string;
        n: number;
      }>();
      const names = ["DB", ...shardNames(c.env)];
      const shards = await Promise.all(
        names.map(async (name) => {
          const probe = await shardDatabase(c.env, name).prepare("SELECT 1").run();
          return {
            name,
            tenants: counts.results.find((r) => r.shard === name)?.n ?? 0,
            bytes: probe.meta.size_after ?? null,
          };
        }),
      );
      return c.json({ shards }, 200);
    },
  )
  .openapi(
    createRoute({
      ...ops,
      method: "get",
      path: "/ops/tenants/{id}",
      summary: "A tenant's placement and its rows on a shard (default: its own)",
      request: { params: TenantParam, query: ShardQuery },
      responses: {
        200: jsonContent(
          Placement.extend({
            rows: z.object({ shard: z.string(), total: z.number().int(), tables: z.record(z.string(), z.number()) }),
          }),
          "Placement",
        ),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await tenantOrThrow(createDb(c.env.DB), id);
      const where = await placement(c.env, id);
      const shard = knownShard(c.env, c.req.valid("query").shard ?? where.shard);
      return c.json({ ...where, rows: { shard, ...(await rowCounts(shardDatabase(c.env, shard), id)) } }, 200);
    },
  )
  .openapi(
    createRoute({
      ...ops,
      method: "post",
      path: "/ops/tenants/{id}/freeze",
      summary: "Freeze a tenant: reads go on, writes answer 503 (before a move)",
      request: { params: TenantParam },
      responses: { 200: jsonContent(Placement, "Frozen"), ...errorResponses(401, 404) },
    }),
    async (c) =>
      c.json({ tenantId: c.req.valid("param").id, ...(await setFrozen(c.env, c.req.valid("param").id, true)) }, 200),
  )
  .openapi(
    createRoute({
      ...ops,
      method: "post",
      path: "/ops/tenants/{id}/unfreeze",
      summary: "Unfreeze a tenant (after a move, or to abandon one)",
      request: { params: TenantParam },
      responses: { 200: jsonContent(Placement, "Unfrozen"), ...errorResponses(401, 404) },
    }),
    async (c) =>
      c.json({ tenantId: c.req.valid("param").id, ...(await setFrozen(c.env, c.req.valid("param").id, false)) }, 200),
  )
  .openapi(
    createRoute({
      ...ops,
      method: "get",
      path: "/ops/tenants/{id}/export",
      summary: "Everything the tenant owns, for a move (NDJSON; includes sealed secrets and the pending outbox)",
      request: { params: TenantParam },
      responses: {
        200: { description: "NDJSON", content: { "application/x-ndjson": { schema: z.string() } } },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const tenant = await tenantOrThrow(createDb(c.env.DB), id);
      const { shard } = await placement(c.env, id);
      return ndjson(
        exportStream(TenantDb.onShard(c.env, id, shard), tenant, { full: true }),
        `${tenant.slug}-move.ndjson`,
      );
    },
  )
  .openapi(
    createRoute({
      ...ops,
      method: "post",
      path: "/ops/tenants/{id}/rows",
      summary: "Write exported lines (a chunk of ≤ 2 MiB) into the tenant's rows on a shard",
      description:
        "The lines' tenant ids are replaced by this tenant's. Rows whose ids the shard already holds are refused " +
        "(409). Writing to a frozen tenant's current shard is refused.",
      request: { params: TenantParam, query: ShardQuery, body: { required: true, content: NDJSON } },
      responses: {
        200: jsonContent(z.object({ shard: z.string(), imported: z.record(z.string(), z.number()) }), "Written"),
        ...errorResponses(400, 401, 404, 409, 413),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await tenantOrThrow(createDb(c.env.DB), id);
      const where = await placement(c.env, id);
      const shard = knownShard(c.env, c.req.valid("query").shard ?? where.shard);
      if (where.frozen && shard === where.shard)
        throw new ApiError(409, "frozen", "The tenant is frozen on this shard: copy its rows to the new shard");
      const imported = await importLines(TenantDb.onShard(c.env, id, shard), parseLines(await c.req.text()), null);
      return c.json({ shard, imported }, 200);
    },
  )
  .openapi(
    createRoute({
      ...ops,
      method: "post",
      path: "/ops/tenants/{id}/switch",
      summary: "Point a frozen tenant at the shard its rows were copied to",
      request: {
        params: TenantParam,
        body: jsonBody(z.object({ shard: z.string().regex(/^(DB|SHARD_[A-Z0-9_]+)$/) }).strict()),
      },
      responses: { 200: jsonContent(Placement, "Switched"), ...errorResponses(400, 401, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        {
          tenantId: c.req.valid("param").id,
          ...(await switchShard(c.env, c.req.valid("param").id, c.req.valid("json").shard)),
        },
        200,
      ),
  )
  .openapi(
    createRoute({
      ...ops,
      method: "delete",
      path: "/ops/tenants/{id}/rows",
      summary: "Delete (a slice of) a tenant's rows from a shard that is not its own: the old copy after a move",
      request: { params: TenantParam, query: z.object({ shard: z.string().regex(/^(DB|SHARD_[A-Z0-9_]+)$/) }) },
      responses: {
        200: jsonContent(
          z.object({ deleted: z.number().int(), remaining: z.number().int() }),
          "Purged (call again while remaining > 0)",
        ),
        ...errorResponses(400, 401, 404, 409),
      },
    }),
    async (c) => c.json(await purgeRows(c.env, c.req.valid("param").id, c.req.valid("query").shard), 200),
  )
  .openapi(
    createRoute({
      ...ops,
      method: "post",
      path: "/ops/tenants",
      summary: "Create an empty tenant to import an export into (then POST its lines to /ops/tenants/{id}/rows)",
      request: {
        body: jsonBody(
          z
            .object({
              name: z.string().trim().min(1).max(120),
              slug: z.string().max(60).optional(),
              shard: z
                .string()
                .regex(/^(DB|SHARD_[A-Z0-9_]+)$/)
                .optional(),
              avoidShard: z.string().max(64).optional(),
            })
            .strict(),
        ),
      },
      responses: {
        201: jsonContent(
          z.object({ tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }), shard: z.string() }),
          "Created",
        ),
        ...errorResponses(400, 401, 404, 409, 422),
      },
    }),
    async (c) => c.json(await createEmptyTenant(c.env, c.req.valid("json")), 201),
  );
