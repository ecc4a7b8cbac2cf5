import type { Principal } from "../../lib/app-env";
import type { ActionConfig } from "../../shared/config/action";
import { getItem, type Snapshot } from "../../shared/config/snapshot";
import type { TemplateContext } from "../../shared/template";
import { outboundRefusal } from "../sandboxes/egress";
import { EXECUTORS } from "./actions";
import { PermanentFailure, type ActionContext } from "./actions/context";
import type { Run, StepOutput, StepResult } from "./run";

export const MAX_ATTEMPTS = 5;

export type RunDeps = Omit<ActionContext, "snapshot" | "run" | "key" | "template" | "actor"> & {
  snapshot: Snapshot;
  saveSteps: (steps: StepResult[]) => void;
  actorName: (userId: string | null | undefined) => Promise<string | null>;
};

export type RunOutcome = { status: "succeeded" } | { status: "failed"; error: string; permanent: boolean };

/** The principal automations act as: admin-level, named after the automation. */
export const automationActor = (tenantId: string, run: Pick<Run, "entity" | "automation">): Principal => ({
  userId: `automation:${run.entity}/${run.automation}`,
  tenantId,
  role: "admin",
  sessionId: "",
});

/**
 * Executes a run's steps in order. A step finished by an earlier attempt is not repeated; a
 * step with an effect carries its idempotency key (`<run>:<step>`), so even a step interrupted
 * after its effect committed finds the effect applied and moves on.
 */
export async function executeRun(run: Run, deps: RunDeps): Promise<RunOutcome> {
  const actions = run.payload.actions ?? getItem(deps.snapshot, "automation", run.entity, run.automation)?.actions;
  if (!actions)
    return {
      status: "failed",
      error: `Automation ${run.automation} is not in config version ${run.configVersion}`,
      permanent: true,
    };
  const steps = [...run.steps];
  // The actor's name costs a query; look it up only when a template uses it.
  const usesActor = actions.some((key) =>
    JSON.stringify(getItem(deps.snapshot, "action", run.entity, key) ?? "").includes("actor."),
  );
  const template: TemplateContext = {
    record: run.payload.record ?? {},
    previous: run.payload.previous ?? {},
    actor: { id: run.payload.actorId ?? null, name: usesActor ? await deps.actorName(run.payload.actorId) : null },
    trigger: run.payload.trigger ?? {},
  };
  const actor = automationActor(deps.tdb.tenantId, run);
  for (const [index, actionKey] of actions.entries()) {
    if (steps[index]?.status === "done") continue;
    const action = getItem(deps.snapshot, "action", run.entity, actionKey) as ActionConfig | undefined;
    const at = new Date(deps.now).toISOString();
    if (!action)
      return fail(
        steps,
        index,
        { action: actionKey, type: "unknown", status: "failed", at, error: "no such action" },
        deps,
        true,
      );
    try {
      // A sandbox's e-mail and webhook steps are recorded as suppressed, not executed.
      const suppressed = await outboundRefusal(deps.env, deps.tdb.tenantId, action.type);
      const executor = EXECUTORS[action.type] as (a: ActionConfig, c: ActionContext) => Promise<StepOutput>;
      const result = suppressed
        ? { suppressed }
        : await executor(action, { ...deps, run, key: `${run.id}:${index}`, template, actor });
      steps[index] = { action: actionKey, type: action.type, status: "done", at, result };
      deps.saveSteps(steps);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(
        steps,
        index,
        { action: actionKey, type: action.type, status: "failed", at, error: message },
        deps,
        error instanceof PermanentFailure,
      );
    }
  }
  return { status: "succeeded" };
}

function fail(steps: StepResult[], index: number, step: StepResult, deps: RunDeps, permanent: boolean): RunOutcome {
  steps[index] = step;
  deps.saveSteps(steps);
  return { status: "failed", error: `${step.action}: ${step.error}`, permanent };
}
