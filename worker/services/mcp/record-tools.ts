import { z } from "zod";
import { tenantHub } from "../../lib/hub";
import { validationFailed } from "../../lib/errors";
import { CONFIG_NAME_RE } from "../../shared/config/common";
import { itemsOf } from "../../shared/config/snapshot";
import { holdForApproval } from "../approval-hold";
import { pendingApprovalsOf } from "../approval-decision";
import { recordTitle } from "../records/title";
import type { EntityContext } from "../records/entity";
import { recordHistory } from "../records/history";
import { getRecordRow, listRecords, presentRecord } from "../records/read";
import { relatedRecords } from "../records/related";
import { recordTimeline } from "../records/timeline";
import { transitionRecord } from "../records/transition";
import { createRecord, updateRecord } from "../records/write";
import { announce, entityNames, entityOf, requireRoleOf, type McpContext } from "./context";
import { valuesSchema } from "./schema";
import { defineTool, objectSchema } from "./tool";

const Entity = z.string().regex(CONFIG_NAME_RE);
const Id = z.string().min(1).max(64);
const Values = z.record(z.string(), z.unknown());

const entityProp = (ctx: McpContext, description = "The entity (see describe_schema)") => ({
  type: "string",
  enum: entityNames(ctx),
  description,
});
const idProp = { type: "string", description: "The record's id" };
const versionProp = {
  type: "integer",
  description: "Fail with precondition_failed unless the record is still at this version (as If-Match)",
};

/** The caller's view of a record, with its SLA timers when the entity has policies. */
async function presented(ctx: McpContext, ectx: EntityContext, row: Parameters<typeof presentRecord>[0]) {
  const record = presentRecord(row, ectx, ctx.principal.role);
  if (Object.keys(itemsOf(ectx.snapshot, "sla", ectx.entity)).length === 0) return record;
  const { tenantId } = ctx.principal;
  return { ...record, sla: await tenantHub(ctx.env, tenantId).slaTimers([row.id]) };
}

const SearchArgs = z
  .object({
    entity: Entity.optional(),
    q: z.string().max(200).optional(),
    view: Entity.optional(),
    where: z.unknown().optional(),
    sort: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(50).default(20),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

export const searchRecords = defineTool({
  name: "search_records",
  title: "Search or list records",
  readOnly: true,
  description:
    "List an entity's records through a view, a where condition (the API's condition JSON, e.g. " +
    '{"field":"status","op":"eq","value":"open"}), a sort and/or full-text q. Without entity, q searches every ' +
    "entity.",
  inputSchema: (ctx) =>
    objectSchema({
      entity: entityProp(ctx),
      q: { type: "string", description: "Full-text search (every word as a prefix)" },
      view: { type: "string", description: "A view key (see describe_schema)" },
      where: { type: "object", description: "A condition, as the API's `where`" },
      sort: { type: "string", description: "field or -field, comma separated" },
      limit: { type: "integer", minimum: 1, maximum: 50 },
      cursor: { type: "string" },
    }),
  args: SearchArgs,
  run: async (ctx, a) => {
    const { where, ...rest } = a;
    if (a.entity)
      return listRecords(ctx.tdb, entityOf(ctx, a.entity), ctx.principal, {
        ...rest,
        where: where === undefined ? undefined : JSON.stringify(where),
      });
    if (!a.q) throw validationFailed([{ path: "q", message: "Give an entity, or q to search every entity" }]);
    const groups = await Promise.all(
      entityNames(ctx).map(async (entity) => {
        const ectx = entityOf(ctx, entity);
        const page = await listRecords(ctx.tdb, ectx, ctx.principal, { q: a.q, limit: Math.min(a.limit, 10) });
        return page.items.map((record) => ({
          entity,
          id: record.id,
          title: recordTitle(ectx, record.data, record.id),
          record,
        }));
      }),
    );
    return { items: groups.flat().slice(0, a.limit) };
  },
});

// What get_record adds of the record's 360° view: enough for an assistant to see the context.
const RELATED_PER_KIND = 5;
const TIMELINE_ENTRIES = 20;

export const getRecord = defineTool({
  name: "get_record",
  title: "Read a record",
  readOnly: true,
  description:
    "One record with its open approval requests, history, related records (a few of each kind, with totals) and " +
    "latest timeline of activities, messages, e-mail, SLA events and approvals (only fields you may read).",
  inputSchema: (ctx) => objectSchema({ entity: entityProp(ctx), id: idProp }, ["entity", "id"]),
  args: z.object({ entity: Entity, id: Id }).strict(),
  run: async (ctx, a) => {
    const ectx = entityOf(ctx, a.entity);
    const row = await getRecordRow(ctx.tdb, ectx, ctx.principal, a.id);
    const [record, history, approvals, related, timeline] = await Promise.all([
      presented(ctx, ectx, row),
      recordHistory(ctx.tdb, ectx, ctx.principal, a.id),
      pendingApprovalsOf(ctx, ectx.form, a.id),
      relatedRecords(ctx.tdb, ectx, ctx.principal, a.id, { limit: RELATED_PER_KIND }),
      recordTimeline(ctx.tdb, ectx, ctx.principal, a.id, {
        limit: TIMELINE_ENTRIES,
        kinds: ["activity", "message", "email", "sla", "approval"],
      }),
    ]);
    return { record, approvals, history, related, timeline: timeline.items };
  },
});

/** `values` as JSON Schema: one alternative per entity, with that entity's writable fields. */
function valuesUnion(ctx: McpContext, mode: "create" | "update") {
  const alternatives = entityNames(ctx)
    .map((e) => valuesSchema(entityOf(ctx, e), ctx.principal.role, mode))
    .filter((s) => Object.keys(s.properties as object).length > 0);
  return {
    type: "object",
    description: "Field values; the alternative titled with the chosen entity applies",
    anyOf: alternatives,
  };
}

export const createRecordTool = defineTool({
  name: "create_record",
  title: "Create a record",
  readOnly: false,
  minRole: "agent",
  description: "Creates a record, validated by the entity's published form exactly as the API does.",
  inputSchema: (ctx) =>
    objectSchema({ entity: entityProp(ctx), values: valuesUnion(ctx, "create") }, ["entity", "values"]),
  args: z.object({ entity: Entity, values: Values }).strict(),
  run: async (ctx, a) => {
    requireRoleOf(ctx, "agent");
    const ectx = entityOf(ctx, a.entity);
    const row = await createRecord(ctx.tdb, ectx, ctx.principal, a.values);
    announce(ctx);
    return presented(ctx, ectx, row);
  },
});

export const updateRecordTool = defineTool({
  name: "update_record",
  title: "Update a record",
  readOnly: false,
  minRole: "agent",
  description: "Changes some fields. A change that needs approval is held (held: true) until approved.",
  inputSchema: (ctx) =>
    objectSchema(
      { entity: entityProp(ctx), id: idProp, values: valuesUnion(ctx, "update"), expectedVersion: versionProp },
      ["entity", "id", "values"],
    ),
  args: z.object({ entity: Entity, id: Id, values: Values, expectedVersion: z.number().int().optional() }).strict(),
  run: async (ctx, a) => {
    requireRoleOf(ctx, "agent");
    const ectx = entityOf(ctx, a.entity);
    const held = await holdForApproval(ctx.tdb, ectx, ctx.principal, {
      id: a.id,
      input: a.values,
      expectedVersion: a.expectedVersion,
    });
    if (held) {
      announce(ctx);
      return {
        held: true,
        approvals: held.approvals.map((r) => ({ id: r.id, approval: r.approvalKey, status: r.status })),
        record: presentRecord(held.before, ectx, ctx.principal.role),
      };
    }
    const row = await updateRecord(ctx.tdb, ectx, ctx.principal, a.id, a.values, a.expectedVersion);
    announce(ctx);
    return presented(ctx, ectx, row);
  },
});

export const transitionRecordTool = defineTool({
  name: "transition_record",
  title: "Move a record through its workflow",
  readOnly: false,
  minRole: "agent",
  description: "Moves a record to another workflow step; the workflow's transitions, roles and conditions apply.",
  inputSchema: (ctx) => {
    const steps = entityNames(ctx).flatMap((e) => entityOf(ctx, e).workflow?.steps.map((s) => `${e}: ${s.key}`) ?? []);
    return objectSchema(
      {
        entity: entityProp(ctx),
        id: idProp,
        to: { type: "string", description: `The step key. Steps: ${steps.join(", ")}` },
        expectedVersion: versionProp,
      },
      ["entity", "id", "to"],
    );
  },
  args: z.object({ entity: Entity, id: Id, to: Entity, expectedVersion: z.number().int().optional() }).strict(),
  run: async (ctx, a) => {
    requireRoleOf(ctx, "agent");
    const ectx = entityOf(ctx, a.entity);
    const row = await transitionRecord(ctx.tdb, ectx, ctx.principal, {
      id: a.id,
      to: a.to,
      expectedVersion: a.expectedVersion,
    });
    announce(ctx);
    return presented(ctx, ectx, row);
  },
});
