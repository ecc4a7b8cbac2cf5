import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { conflict, forbidden, preconditionFailed } from "../../lib/errors";
import { conditionScope } from "../../shared/config/condition-scope";
import { evaluateCondition } from "../../shared/config/evaluate";
import { roleAtLeast } from "../../shared/roles";
import type { EntityContext } from "./entity";
import { getRecordRow, type RecordRow } from "./read";
import { snapshotOf, withStepProbability, writeStatus } from "./write";

const invalid = (message: string) => conflict("invalid_transition", message);

/**
 * Moves a record along its entity's workflow. The workflow decides: the move must be one of its
 * transitions (or any-to-any), the caller's role must be allowed, and its `when` must hold.
 */
export type Move = { id: string; to: string; expectedVersion?: number; now?: number };

export async function transitionRecord(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Principal,
  move: Move,
): Promise<RecordRow> {
  const { id, to, expectedVersion, now = Date.now() } = move;
  const before = await getRecordRow(tdb, ctx, actor, id); // 404 first: ids of others stay invisible
  const workflow = ctx.workflow;
  if (!workflow) throw invalid(`${ctx.entity} has no workflow`);
  if (expectedVersion !== undefined && expectedVersion !== before.version) throw preconditionFailed();
  const step = workflow.steps.find((s) => s.key === to);
  if (!step) throw invalid(`There is no step "${to}"`);
  if (before.status === to) throw invalid(`The record is already in "${to}"`);

  const candidates = workflow.transitions.filter((t) => t.from === before.status && t.to === to);
  if (candidates.length === 0 && !workflow.allowAnyToAny)
    throw invalid(`Cannot move from "${before.status}" to "${to}"`);
  const permitted =
    candidates.length === 0 || candidates.some((t) => !t.roles || t.roles.some((r) => roleAtLeast(actor.role, r)));
  if (!permitted) throw forbidden(`Your role may not move records from "${before.status}" to "${to}"`);
  const record = snapshotOf(before);
  const conditionsHold =
    candidates.length === 0 ||
    candidates.some(
      (t) =>
        !t.when ||
        evaluateCondition(t.when, { record, now, userId: actor.userId, ...conditionScope(ctx.snapshot, ctx.entity) }),
    );
  if (!conditionsHold) throw invalid(`The conditions for moving to "${to}" are not met`);

  return writeStatus(tdb, ctx, actor, before, to, withStepProbability(ctx, before.data, to), now);
}
