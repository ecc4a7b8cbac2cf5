import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { noteBacklog } from "../services/limits/shares";
import { tenantHub } from "../lib/hub";
import type { AppEnv } from "../lib/app-env";
import { etagOf, parseIfMatch } from "../lib/if-match";
import { createRouter } from "../lib/router";
import { errorResponses, jsonBody, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { loadEntity, type EntityContext } from "../services/records/entity";
import { itemsOf } from "../shared/config/snapshot";
import { TIMER_STATES, type SlaTimerView } from "../shared/sla-timer";
import { recordHistory } from "../services/records/history";
import { getRecordRow, listRecords, presentRecord } from "../services/records/read";
import { transitionRecord } from "../services/records/transition";
import { holdForApproval } from "../services/approval-hold";
import { createRecord, deleteRecord, updateRecord } from "../services/records/write";
import { HeldApprovalSchema, HistoryItemSchema, RecordSchema } from "./response-schemas";

const EntityParam = z
  .string()
  .regex(CONFIG_NAME_RE)
  .openapi({ param: { name: "entity", in: "path" }, example: "customers" });
const IdParam = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: "id", in: "path" } });
const Values = z.record(z.string(), z.unknown()).openapi("RecordValues", { example: { name: "Acme", tier: "gold" } });
const ListQuery = z.object({
  view: z.string().regex(CONFIG_NAME_RE).optional(),
  where: z.string().max(8000).optional().openapi({ description: "URL-encoded JSON condition" }),
  sort: z.string().max(300).optional().openapi({ description: "field or -field, comma separated" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
  q: z.string().max(200).optional().openapi({ description: "Full-text search" }),
});
const ifMatch = z.object({ "if-match": z.string().optional() });

const member = { tags: ["Records"], security: [{ bearer: [] }] };
const wait = (c: Context<AppEnv>) => (p: Promise<unknown>) => c.executionCtx.waitUntil(p);

type Presented = ReturnType<typeof presentRecord>;

/** Adds `sla` (the record's timers) when the entity has SLA policies: one RPC per request. */
async function withSla<T extends Presented>(
  c: Context<AppEnv>,
  ctx: EntityContext,
  items: T[],
): Promise<(T & { sla?: SlaTimerView[] })[]> {
  if (items.length === 0 || Object.keys(itemsOf(ctx.snapshot, "sla", ctx.entity)).length === 0) return items;
  const { tenantId } = c.var.principal;
  const timers = await tenantHub(c.env, tenantId).slaTimers(items.map((i) => i.id));
  return items.map((i) => ({ ...i, sla: timers.filter((t) => t.recordId === i.id) }));
}

/** Tells the tenant object that events are waiting; the outbox sweep covers a lost call. */
function announce(c: Context<AppEnv>) {
  const { tenantId } = c.var.principal;
  c.executionCtx.waitUntil(
    tenantHub(c.env, tenantId)
      .drainEvents()
      .then(
        (r) => noteBacklog(tenantId, r.queuedRuns),
        (e) => console.warn("drain failed", tenantId, e),
      ),
  );
}

export const records = createRouter()
  .openapi(
    createRoute({
      ...member,
      method: "get",
      path: "/crm/{entity}",
      summary: "List records (view filter/sort, where, keyset cursor, q)",
      middleware: [authenticate()],
      request: { params: z.object({ entity: EntityParam }), query: ListQuery },
      responses: {
        200: jsonContent(z.object({ items: z.array(RecordSchema), nextCursor: z.string().nullable() }), "A page"),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, c.req.valid("param").entity, wait(c));
      const page = await listRecords(c.var.tdb, ctx, c.var.principal, c.req.valid("query"));
      return c.json({ ...page, items: await withSla(c, ctx, page.items) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "post",
      path: "/crm/{entity}",
      summary: "Create a record",
      middleware: [authenticate(), requireRole("agent")],
      request: { params: z.object({ entity: EntityParam }), body: jsonBody(Values) },
      responses: { 201: jsonContent(RecordSchema, "Created"), ...errorResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, c.req.valid("param").entity, wait(c));
      const row = await createRecord(c.var.tdb, ctx, c.var.principal, c.req.valid("json"));
      announce(c);
      return c.json(presentRecord(row, ctx, c.var.principal.role), 201, { etag: etagOf(row.version) });
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "get",
      path: "/crm/{entity}/{id}",
      summary: "Read a record",
      middleware: [authenticate()],
      request: { params: z.object({ entity: EntityParam, id: IdParam }) },
      responses: { 200: jsonContent(RecordSchema, "The record; etag is its version"), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      const row = await getRecordRow(c.var.tdb, ctx, c.var.principal, id);
      const [record] = await withSla(c, ctx, [presentRecord(row, ctx, c.var.principal.role)]);
      return c.json(record!, 200, { etag: etagOf(row.version) });
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "patch",
      path: "/crm/{entity}/{id}",
      summary: 'Update some fields (If-Match: "<version>")',
      middleware: [authenticate(), requireRole("agent")],
      request: { params: z.object({ entity: EntityParam, id: IdParam }), headers: ifMatch, body: jsonBody(Values) },
      responses: {
        200: jsonContent(RecordSchema, "Updated"),
        202: jsonContent(
          z.object({ held: z.literal(true), approvals: z.array(HeldApprovalSchema), record: RecordSchema }),
          "Held for approval: the change applies once approved",
        ),
        ...errorResponses(400, 401, 403, 404, 409, 412, 422),
      },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      const expected = parseIfMatch(c.req.valid("header")["if-match"]);
      const held = await holdForApproval(c.var.tdb, ctx, c.var.principal, {
        id,
        input: c.req.valid("json"),
        expectedVersion: expected,
      });
      if (held) {
        announce(c);
        const approvals = held.approvals.map((a) => ({
          id: a.id,
          approval: a.approvalKey,
          status: a.status,
          change: a.change,
        }));
        return c.json(
          { held: true as const, approvals, record: presentRecord(held.before, ctx, c.var.principal.role) },
          202,
        );
      }
      const row = await updateRecord(c.var.tdb, ctx, c.var.principal, id, c.req.valid("json"), expected);
      announce(c);
      return c.json(presentRecord(row, ctx, c.var.principal.role), 200, { etag: etagOf(row.version) });
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "delete",
      path: "/crm/{entity}/{id}",
      summary: "Soft-delete a record",
      middleware: [authenticate(), requireRole("manager")],
      request: { params: z.object({ entity: EntityParam, id: IdParam }), headers: ifMatch },
      responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409, 412) },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      await deleteRecord(c.var.tdb, ctx, c.var.principal, id, parseIfMatch(c.req.valid("header")["if-match"]));
      announce(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "post",
      path: "/crm/{entity}/{id}/transition",
      summary: "Move a record to another workflow step",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        params: z.object({ entity: EntityParam, id: IdParam }),
        headers: ifMatch,
        body: jsonBody(z.object({ to: z.string().regex(CONFIG_NAME_RE) }).strict()),
      },
      responses: { 200: jsonContent(RecordSchema, "Moved"), ...errorResponses(400, 401, 403, 404, 409, 412, 422) },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      const row = await transitionRecord(c.var.tdb, ctx, c.var.principal, {
        id,
        to: c.req.valid("json").to,
        expectedVersion: parseIfMatch(c.req.valid("header")["if-match"]),
      });
      announce(c);
      return c.json(presentRecord(row, ctx, c.var.principal.role), 200, { etag: etagOf(row.version) });
    },
  )
  .openapi(
    createRoute({
      ...member,
      method: "get",
      path: "/crm/{entity}/{id}/history",
      summary: "A record's changes, oldest first",
      middleware: [authenticate()],
      request: { params: z.object({ entity: EntityParam, id: IdParam }) },
      responses: {
        200: jsonContent(z.object({ items: z.array(HistoryItemSchema) }), "History"),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { entity, id } = c.req.valid("param");
      const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, wait(c));
      await getRecordRow(c.var.tdb, ctx, c.var.principal, id); // 404 unless the caller may see it
      return c.json({ items: await recordHistory(c.var.tdb, ctx, c.var.principal, id) }, 200);
    },
  );

const SlaTimer = z
  .object({
    policy: z.string(),
    metric: z.string(),
    state: z.enum(TIMER_STATES),
    startedAt: z.string(),
    dueAt: z.string(),
    warnAt: z.string().optional(),
    pausedMs: z.number(),
    completedAt: z.string().optional(),
  })
  .openapi("SlaTimer");

export const recordSla = createRouter().openapi(
  createRoute({
    ...member,
    method: "get",
    path: "/crm/{entity}/{id}/sla",
    summary: "The record's SLA timers",
    middleware: [authenticate()],
    request: { params: z.object({ entity: EntityParam, id: IdParam }) },
    responses: { 200: jsonContent(z.object({ timers: z.array(SlaTimer) }), "Timers"), ...errorResponses(401, 404) },
  }),
  async (c) => {
    const { entity, id } = c.req.valid("param");
    const { tenantId } = c.var.principal;
    const ctx = await loadEntity(c.env, tenantId, entity, wait(c));
    await getRecordRow(c.var.tdb, ctx, c.var.principal, id); // 404 unless the caller may see it
    const timers = await tenantHub(c.env, tenantId).slaTimers([id]);
    return c.json({ timers: timers.map(({ recordId: _r, ...t }) => t) }, 200);
  },
);
