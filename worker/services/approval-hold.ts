import { runBatch } from "../db/batch";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import { preconditionFailed } from "../lib/errors";
import { validateRecordValues } from "../shared/records/validate-values";
import { approvalStatements, approvalsTriggered, pendingFor } from "./approvals";
import type { EntityContext } from "./records/entity";
import { getRecordRow, type RecordRow } from "./records/read";
import { refusal, snapshotOf } from "./records/write";

/**
 * An update that would make the record match an approval's `when` is held: the record stays as
 * it is and the change waits in an approval request, applied only if the request is approved.
 * Returns the opened requests, or undefined when the update may go ahead as usual.
 */
export type HeldChange = { id: string; input: unknown; expectedVersion?: number; now?: number };

export async function holdForApproval(tdb: TenantDb, ctx: EntityContext, actor: Principal, held: HeldChange) {
  const { id, input, expectedVersion, now = Date.now() } = held;
  if (Object.keys(ctx.snapshot.approval?.[ctx.entity] ?? {}).length === 0) return undefined;
  const before = await getRecordRow(tdb, ctx, actor, id);
  if (expectedVersion !== undefined && expectedVersion !== before.version) throw preconditionFailed();
  const checked = validateRecordValues(ctx.form, input, {
    mode: "update",
    existing: before.data,
    role: actor.role,
    now,
    userId: actor.userId,
    system: {
      status: before.status,
      ownerId: before.ownerId,
      createdAt: before.createdAt,
      updatedAt: before.updatedAt,
    },
    resolveRef: ctx.resolveRef,
  });
  if (!checked.ok) throw refusal(checked.status, checked.errors);
  if (checked.changed.length === 0) return undefined;
  const after: RecordRow = { ...before, data: checked.data };
  const triggered = approvalsTriggered(ctx.snapshot, ctx.entity, snapshotOf(after), snapshotOf(before), now);
  const open = [];
  for (const [key, config] of triggered) if (!(await pendingFor(tdb, id, key))) open.push({ key, config });
  if (open.length === 0) return undefined;
  const change = Object.fromEntries(checked.changed.map((f) => [f, checked.values[f] ?? null]));
  const requests = open.map(({ key, config }) =>
    approvalStatements(
      tdb,
      {
        entity: ctx.entity,
        recordId: id,
        key,
        config,
        configVersion: ctx.configVersion,
        requestedBy: actor.userId,
        change,
        record: snapshotOf(before),
      },
      now,
    ),
  );
  await runBatch(
    tdb.db,
    requests.flatMap((r) => r.statements),
  );
  return { before, approvals: requests.map((r) => r.row) };
}
