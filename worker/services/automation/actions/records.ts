import { conditionScope } from "../../../shared/config/condition-scope";
import { evaluateCondition } from "../../../shared/config/evaluate";
import { getItem } from "../../../shared/config/snapshot";
import { renderDeep } from "../../../shared/template";
import { entityFromSnapshot, type EntityContext } from "../../records/entity";
import { getRecordRow } from "../../records/read";
import { createRecord, updateRecord, withStepProbability, writeStatus, type WriteOptions } from "../../records/write";
import { pickAssignee } from "../../routing";
import { effectInsert, once } from "../effects";
import { PermanentFailure, type ActionContext, type Executor } from "./context";

function entity(ctx: ActionContext, name: string): EntityContext {
  const found = entityFromSnapshot(ctx.snapshot, ctx.run.configVersion, name);
  if (!found) throw new PermanentFailure(`There is no entity "${name}"`);
  return found;
}

function subjectId(ctx: ActionContext): string {
  const id = ctx.run.payload.record?.id;
  if (typeof id !== "string") throw new PermanentFailure("This action needs a record, and the trigger has none");
  return id;
}

/** Writes made by automations: one hop deeper than the event, exactly once per step. */
const options = (ctx: ActionContext): WriteOptions => ({
  first: [effectInsert(ctx.tdb, ctx.key, ctx.now)],
  depth: ctx.run.depth + 1,
  allowReadOnly: true,
});

async function apiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // 4xx from the write path (validation, missing record): retrying cannot help.
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500 && status !== 409) {
      const details = (error as { details?: unknown[] }).details;
      throw new PermanentFailure(`${(error as Error).message}${details?.length ? `: ${JSON.stringify(details)}` : ""}`);
    }
    throw error;
  }
}

export const updateRecordAction: Executor<"update_record"> = async (action, ctx) => {
  const target = entity(ctx, ctx.run.entity);
  const values = renderDeep(action.set, ctx.template);
  const outcome = await once(() =>
    apiErrors(() => updateRecord(ctx.tdb, target, ctx.actor, subjectId(ctx), values, undefined, ctx.now, options(ctx))),
  );
  return "alreadyApplied" in outcome ? outcome : { id: outcome.id, version: outcome.version };
};

export const createRecordAction: Executor<"create_record"> = async (action, ctx) => {
  const target = entity(ctx, action.entity);
  const values = renderDeep(action.values, ctx.template);
  const ownerId =
    typeof ctx.run.payload.record?.ownerId === "string" ? (ctx.run.payload.record.ownerId as string) : null;
  const outcome = await once(() =>
    apiErrors(() => createRecord(ctx.tdb, target, ctx.actor, values, ctx.now, { ...options(ctx), ownerId })),
  );
  return "alreadyApplied" in outcome ? outcome : { id: outcome.id, entity: action.entity };
};

export const transitionAction: Executor<"transition"> = async (action, ctx) => {
  const target = entity(ctx, ctx.run.entity);
  const wf = target.workflow;
  if (!wf) throw new PermanentFailure(`${ctx.run.entity} has no workflow`);
  const before = await apiErrors(() => getRecordRow(ctx.tdb, target, ctx.actor, subjectId(ctx)));
  if (before.status === action.to) return { skipped: `already in ${action.to}` };
  // Automations act with the workflow's rules but not its role limits.
  const allowed =
    wf.allowAnyToAny ||
    wf.transitions.some(
      (t) =>
        t.from === before.status &&
        t.to === action.to &&
        (!t.when ||
          evaluateCondition(t.when, {
            record: { ...before.data, status: before.status },
            now: ctx.now,
            ...conditionScope(target.snapshot, target.entity),
          })),
    );
  if (!allowed) throw new PermanentFailure(`Cannot move from "${before.status}" to "${action.to}"`);
  const outcome = await once(() =>
    writeStatus(
      ctx.tdb,
      target,
      ctx.actor,
      before,
      action.to,
      withStepProbability(target, before.data, action.to),
      ctx.now,
      options(ctx),
    ),
  );
  return "alreadyApplied" in outcome ? outcome : { id: before.id, from: before.status, to: action.to };
};

export const assignAction: Executor<"assign"> = async (action, ctx) => {
  const target = entity(ctx, ctx.run.entity);
  const routing = getItem(ctx.snapshot, "routing", ctx.run.entity, action.routing);
  if (!routing) throw new PermanentFailure(`There is no routing "${action.routing}"`);
  if (!target.form.fields.some((f) => f.name === "assignee" && f.type === "user"))
    throw new PermanentFailure(`${ctx.run.entity} has no user field named "assignee"`);
  const record = ctx.run.payload.record ?? {};
  if (
    routing.when &&
    !evaluateCondition(routing.when, { record, now: ctx.now, ...conditionScope(target.snapshot, target.entity) })
  )
    return { skipped: "routing condition does not hold" };
  const openSteps = target.workflow?.steps.filter((s) => (s.category ?? "open") === "open").map((s) => s.key);
  const assignee = await pickAssignee(ctx.tdb, routing, {
    entity: ctx.run.entity,
    key: action.routing,
    counter: ctx.counter,
    openSteps,
  });
  if (!assignee) throw new PermanentFailure(`Routing "${action.routing}" has no active members`);
  const outcome = await once(() =>
    apiErrors(() =>
      updateRecord(ctx.tdb, target, ctx.actor, subjectId(ctx), { assignee }, undefined, ctx.now, options(ctx)),
    ),
  );
  return "alreadyApplied" in outcome ? outcome : { assignee };
};
