import { createRoute, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { tenants, tenantShards } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { exportStream } from "../services/tenancy/portable";
import { ndjson } from "./ops";
import { tenantHub } from "../lib/hub";
import { notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { errorResponses, jsonContent, TenantSchema } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { currentSnapshot } from "../services/config/current";
import { gateUsage } from "../services/limits/gate";
import { LIMIT_NAMES, limitsOf, type LimitName } from "../services/limits/limits";
import { shareUsage } from "../services/limits/shares";

const Limit = z.object({ limit: z.number().int(), used: z.number().int().nullable() });

const TenantInfo = z
  .object({
    tenant: TenantSchema,
    shard: z.string().openapi({ description: "The D1 database (binding) that holds this tenant's data" }),
    usage: z.record(z.string(), z.number()),
    limits: z.record(z.string(), Limit),
  })
  .openapi("TenantInfo");

const count = (items: Record<string, Record<string, unknown>> | undefined) =>
  Object.values(items ?? {}).reduce((n, e) => n + Object.keys(e ?? {}).length, 0);

// D1's cap per database (not raisable): a shard filling towards it is closed to new tenants.
export const D1_MAX_BYTES = 10_000_000_000;

/** The tenant's rows on its shard (index-backed counts) and the shard's size in bytes. */
async function shardUsage(tdb: TenantDb) {
  const d1 = tdb.db.$client;
  const count = (table: string) =>
    d1.prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`).bind(tdb.tenantId);
  const tables = {
    records: "records",
    historyRows: "audit_log",
    activities: "activities",
    messages: "inbox_messages",
    approvals: "approvals",
    configVersions: "config_versions",
  };
  const results = await d1.batch(Object.values(tables).map(count));
  const usage: Record<string, number> = Object.fromEntries(
    Object.keys(tables).map((name, i) => [name, Number((results[i]!.results[0] as { n: number }).n)]),
  );
  const bytes = results[0]!.meta.size_after;
  if (typeof bytes === "number") usage.shardBytes = bytes;
  const [sharing] = await tdb.control
    .select({ n: sql<number>`count(*)` })
    .from(tenantShards)
    .where(eq(tenantShards.shard, tdb.shard));
  usage.shardTenants = sharing?.n ?? 0;
  return usage;
}

export const tenantAdmin = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/admin/tenant",
      tags: ["Tenancy"],
      security: [{ bearer: [] }],
      middleware: [authenticate(), requireRole("admin")],
      summary: "This tenant: its placement, and its usage against each limit",
      description:
        "`shard` is the D1 database (binding) holding the tenant's data. Sockets and queued runs are exact (the " +
        "tenant object); request and write rates are this Worker isolate's count in the current minute; sizes are " +
        "the current snapshot's; " +
        "`records`, `historyRows`, `activities`, `messages`, `approvals`, `configVersions` count the tenant's " +
        "rows on its shard, `shardBytes` is the shard's whole size (all its tenants; limit `shardBytes`: D1's 10 " +
        "GB) and `shardTenants` how many tenants share it.",
      responses: { 200: jsonContent(TenantInfo, "The tenant"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const { tenantId } = c.var.principal;
      // tenants is a control-plane table (env.DB), not tenant data.
      const [tenant] = await createDb(c.env.DB)
        .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      if (!tenant) throw notFound();
      const [held, snapshot, rows] = await Promise.all([
        tenantHub(c.env, tenantId).usage(),
        currentSnapshot(c.env, tenantId, (p) => c.executionCtx.waitUntil(p)),
        shardUsage(c.var.tdb),
      ]);
      const usage: Partial<Record<LimitName, number>> = {
        ...shareUsage(tenantId),
        // This request holds one of the slots itself.
        concurrentRequestsPerTenant: gateUsage(tenantId).active,
        waitingRequestsPerTenant: gateUsage(tenantId).waiting,
        socketsPerTenant: held.sockets,
        queuedRuns: held.queuedRuns,
        runsPerTenant: held.runsThisMinute,
        automations: count(snapshot.automation),
        snapshotBytes: new TextEncoder().encode(JSON.stringify(snapshot)).length,
      };
      const limits = limitsOf(c.env);
      return c.json(
        {
          tenant,
          shard: c.var.tdb.shard,
          usage: { ...(usage as Record<string, number>), ...rows },
          limits: {
            ...Object.fromEntries(
              LIMIT_NAMES.map((name) => [name, { limit: limits[name], used: usage[name] ?? null }]),
            ),
            shardBytes: { limit: D1_MAX_BYTES, used: rows.shardBytes ?? null },
          },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/admin/tenant/export",
      tags: ["Tenancy"],
      security: [{ bearer: [] }],
      middleware: [authenticate(), requireRole("admin")],
      summary: "Everything this tenant owns, as NDJSON (data portability, backup)",
      description:
        'One JSON object a line, `{ "kind", "row" }` with the row as stored: `tenant` (first), `member` (no ' +
        "password hashes, no sessions), `config_item`, `config_version`, `config_snapshot`, `config_publish`, " +
        "`record` (with its search text), `record_unique`, `history` (the audit log: every record's and the " +
        "config's history), `activity`, `approval`, `approval_decision`, `message`, `attachment`, `email`, " +
        "`notification`. " +
        "Secrets are not exported (set them again). Import into a fresh tenant with the operator routes (`POST " +
        "/api/ops/tenants`, then `POST /api/ops/tenants/{id}/rows`; `npm run move-tenant -- import`).",
      responses: {
        200: { description: "NDJSON, one object a line", content: { "application/x-ndjson": { schema: z.string() } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { tenantId } = c.var.principal;
      const [tenant] = await c.var.tdb.control
        .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      if (!tenant) throw notFound();
      return ndjson(exportStream(c.var.tdb, tenant), `${tenant.slug}-${new Date().toISOString().slice(0, 10)}.ndjson`);
    },
  );
