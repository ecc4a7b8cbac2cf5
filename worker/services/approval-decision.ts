import { tenantHub } from "../durable/hub";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import { commitDecision, decide, type ApprovalView } from "./approvals";
import { loadVersion } from "./config/snapshot-store";
import { loadEntity } from "./records/entity";
import { updateRecord } from "./records/write";

export type DecisionDeps = { env: Env; tdb: TenantDb; principal: Principal; waitUntil: (p: Promise<unknown>) => void };

/** The config a request was made under, for presenting and deciding it. */
export const snapshotAtFor = (deps: Pick<DecisionDeps, "env" | "principal" | "waitUntil">) => async (version: number) =>
  (await loadVersion(deps.env, deps.principal.tenantId, version, deps.waitUntil))?.snapshot ?? {};

/** Records a decision; the final approval applies the held change in the same batch. */
export async function decideApproval(deps: DecisionDeps, id: string, decision: "approve" | "reject", comment?: string): Promise<ApprovalView> {
  const { env, tdb, principal, waitUntil } = deps;
  const { tenantId, userId } = principal;
  const outcome = await decide(tdb, snapshotAtFor(deps), principal, id, decision, comment);
  const change = outcome.row.change as Record<string, unknown> | null;
  if (outcome.final === "approved" && change) {
    const ctx = await loadEntity(env, tenantId, outcome.row.entity, waitUntil);
    await updateRecord(tdb, ctx, { ...principal, userId, role: "admin" }, outcome.row.recordId, change, undefined, Date.now(), { first: outcome.statements });
  } else {
    await commitDecision(tdb, outcome.statements);
  }
  waitUntil(tenantHub(env, tenantId).drainEvents(tenantId).catch(() => undefined));
  return outcome.view;
}
