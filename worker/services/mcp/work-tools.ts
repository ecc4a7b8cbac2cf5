import { z } from "zod";
import { tenantHub } from "../../lib/hub";
import { validationFailed } from "../../lib/errors";
import { CONFIG_NAME_RE } from "../../shared/config/common";
import type { Condition } from "../../shared/config/condition";
import { canRead } from "../../shared/records/access";
import { entityFromSnapshot } from "../records/entity";
import { createActivity, listActivities } from "../activities";
import { decideApproval, redactApproval, snapshotAtFor } from "../approval-decision";
import { listApprovals } from "../approvals";
import { getRecordRow, listRecords } from "../records/read";
import { announce, entityNames, entityOf, requireRoleOf, type McpContext } from "./context";
import { recordTitle } from "../records/title";
import { describeEntity } from "./schema";
import { defineTool, objectSchema } from "./tool";

const Entity = z.string().regex(CONFIG_NAME_RE);
const Id = z.string().min(1).max(64);
const ASSIGNEE_FIELD = "assignee";

/** The entity's form, or none when it was unpublished since: then nothing of a change is shown. */
const formOf = (ctx: McpContext, entity: string) =>
  entityFromSnapshot(ctx.snapshot, ctx.configVersion, entity)?.form ?? { fields: [] };
const CLOSED = new Set(["won", "lost", "closed"]);

export const describeSchema = defineTool({
  name: "describe_schema",
  title: "Describe the CRM's schema",
  readOnly: true,
  description:
    "The tenant's entities as you may see them: fields (types, picklist options, which you may write), views, " +
    "workflow steps and transitions. Start here.",
  inputSchema: (ctx) =>
    objectSchema({ entity: { type: "string", enum: entityNames(ctx), description: "Only this entity" } }),
  args: z.object({ entity: Entity.optional() }).strict(),
  run: async (ctx, a) => {
    const names = a.entity ? [entityOf(ctx, a.entity).entity] : entityNames(ctx);
    return {
      you: {
        userId: ctx.principal.userId,
        role: ctx.principal.role,
        ...(ctx.principal.via ? { key: ctx.principal.via.name } : {}),
      },
      configVersion: ctx.configVersion,
      entities: names.map((e) => describeEntity(entityOf(ctx, e), ctx.snapshot, ctx.principal.role)),
    };
  },
});

/** Records assigned to the caller that are not in a closed step, per entity that has an assignee. */
async function assignedOpen(ctx: McpContext) {
  const out = [];
  for (const entity of entityNames(ctx)) {
    const ectx = entityOf(ctx, entity);
    const assignee = ectx.form.fields.find((f) => f.name === ASSIGNEE_FIELD);
    if (!assignee || !canRead(assignee, ctx.principal.role)) continue;
    const closed = ectx.workflow?.steps.filter((s) => CLOSED.has(s.category ?? "open")).map((s) => s.key) ?? [];
    const where: Condition = {
      all: [
        { field: ASSIGNEE_FIELD, op: "eq", value: "$user" },
        ...(closed.length ? [{ field: "status", op: "nin" as const, value: closed }] : []),
      ],
    };
    const page = await listRecords(ctx.tdb, ectx, ctx.principal, { where: JSON.stringify(where), limit: 50 });
    out.push(
      ...page.items.map((record) => ({
        entity,
        id: record.id,
        title: recordTitle(ectx, record.data, record.id),
        record,
      })),
    );
  }
  return out;
}

export const myWork = defineTool({
  name: "my_work",
  title: "My work",
  readOnly: true,
  description:
    "What is waiting on you: open records assigned to you, your open activities (overdue flagged) and approval " +
    "requests you can decide.",
  inputSchema: () => objectSchema({}),
  args: z.object({}).strict(),
  run: async (ctx) => {
    const deps = { env: ctx.env, principal: ctx.principal, waitUntil: ctx.waitUntil };
    const [records, activities, approvals] = await Promise.all([
      assignedOpen(ctx),
      listActivities(ctx.tdb, { assigneeId: ctx.principal.userId, status: "open", limit: 100 }),
      listApprovals(ctx.tdb, snapshotAtFor(deps), ctx.principal, { status: "pending", mine: true }),
    ]);
    return {
      records,
      activities,
      approvals: approvals.map((v) => redactApproval(v, formOf(ctx, v.entity), ctx.principal.role)),
    };
  },
});

const ActivityArgs = z
  .object({
    title: z.string().trim().min(1).max(300),
    type: z.enum(["task", "call", "meeting", "note"]).optional(),
    notes: z.string().max(10_000).optional(),
    entity: Entity.optional(),
    recordId: Id.optional(),
    dueAt: z.iso.datetime({ offset: true }).optional(),
    assigneeId: Id.nullable().optional(),
  })
  .strict();

export const logActivity = defineTool({
  name: "log_activity",
  title: "Log an activity",
  readOnly: false,
  minRole: "agent",
  description:
    "Logs a call, meeting or note, or creates a task (with dueAt), optionally on a record. Assigned to you unless " +
    "assigneeId says otherwise.",
  inputSchema: (ctx) =>
    objectSchema(
      {
        title: { type: "string", maxLength: 300 },
        type: { type: "string", enum: ["task", "call", "meeting", "note"] },
        notes: { type: "string" },
        entity: { type: "string", enum: entityNames(ctx) },
        recordId: { type: "string", description: "The record it is about (give entity too)" },
        dueAt: { type: "string", format: "date-time" },
        assigneeId: { type: ["string", "null"], description: "A member's user id; null for nobody" },
      },
      ["title"],
    ),
  args: ActivityArgs,
  run: async (ctx, a) => {
    requireRoleOf(ctx, "agent");
    if (a.recordId && !a.entity) throw validationFailed([{ path: "entity", message: "Give the entity of recordId" }]);
    // An activity may only point at a record the caller can see (404 otherwise, as everywhere).
    if (a.recordId && a.entity) await getRecordRow(ctx.tdb, entityOf(ctx, a.entity), ctx.principal, a.recordId);
    const activity = await createActivity(ctx.tdb, ctx.principal.userId, {
      ...a,
      dueAt: a.dueAt ? Date.parse(a.dueAt) : undefined,
      assigneeId: a.assigneeId === undefined ? ctx.principal.userId : a.assigneeId,
    });
    announce(ctx);
    return activity;
  },
});

export const decideApprovalTool = defineTool({
  name: "decide_approval",
  title: "Approve or reject a request",
  readOnly: false,
  minRole: "agent",
  description: "Decides an approval request waiting on you (see my_work). Nobody decides their own request.",
  inputSchema: () =>
    objectSchema(
      {
        id: { type: "string" },
        decision: { type: "string", enum: ["approve", "reject"] },
        comment: { type: "string", maxLength: 2000 },
      },
      ["id", "decision"],
    ),
  args: z
    .object({ id: Id, decision: z.enum(["approve", "reject"]), comment: z.string().max(2000).optional() })
    .strict(),
  run: async (ctx, a) => {
    requireRoleOf(ctx, "agent");
    const view = await decideApproval(
      { env: ctx.env, tdb: ctx.tdb, principal: ctx.principal, waitUntil: ctx.waitUntil },
      a.id,
      a.decision,
      a.comment,
    );
    return redactApproval(view, formOf(ctx, view.entity), ctx.principal.role);
  },
});

export const slaStatus = defineTool({
  name: "sla_status",
  title: "SLA state of records",
  readOnly: true,
  description: "The SLA timers (state, due and warning times, paused time) of up to 50 records of one entity.",
  inputSchema: (ctx) =>
    objectSchema(
      {
        entity: { type: "string", enum: entityNames(ctx) },
        ids: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 50 },
      },
      ["entity", "ids"],
    ),
  args: z.object({ entity: Entity, ids: z.array(Id).min(1).max(50) }).strict(),
  run: async (ctx, a) => {
    const ectx = entityOf(ctx, a.entity);
    // Each id must be a record the caller may see: another tenant's or another agent's is 404.
    for (const id of new Set(a.ids)) await getRecordRow(ctx.tdb, ectx, ctx.principal, id);
    const { tenantId } = ctx.principal;
    const timers = await tenantHub(ctx.env, tenantId).slaTimers([...new Set(a.ids)]);
    return {
      items: a.ids.map((id) => ({
        id,
        timers: timers.filter((t) => t.recordId === id).map(({ recordId: _r, ...t }) => t),
      })),
    };
  },
});
