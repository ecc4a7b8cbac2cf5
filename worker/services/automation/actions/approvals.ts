import { runBatch } from "../../../db/batch";
import { getItem } from "../../../shared/config/snapshot";
import { approvalStatements, pendingFor } from "../../approvals";
import { effectInsert, once } from "../effects";
import { PermanentFailure, stableId, type Executor } from "./context";

/** Opens an approval request on the run's record (unless one of that approval is pending). */
export const requestApprovalAction: Executor<"request_approval"> = async (action, ctx) => {
  const config = getItem(ctx.snapshot, "approval", ctx.run.entity, action.approval);
  if (!config) throw new PermanentFailure(`There is no approval "${action.approval}"`);
  const record = ctx.run.payload.record;
  const recordId = typeof record?.id === "string" ? record.id : undefined;
  if (!recordId) throw new PermanentFailure("This action needs a record, and the trigger has none");
  const pending = await pendingFor(ctx.tdb, recordId, action.approval);
  if (pending) return { id: pending.id, alreadyPending: true };
  const id = await stableId("apr", ctx.key);
  const { statements } = approvalStatements(
    ctx.tdb,
    {
      entity: ctx.run.entity,
      recordId,
      key: action.approval,
      config,
      configVersion: ctx.run.configVersion,
      requestedBy: ctx.run.payload.actorId ?? null,
      change: null,
      record: record ?? {},
    },
    ctx.now,
    id,
  );
  const outcome = await once(() => runBatch(ctx.tdb.db, [effectInsert(ctx.tdb, ctx.key, ctx.now), ...statements]));
  return { id, ...("alreadyApplied" in outcome ? { alreadyApplied: true } : {}) };
};
