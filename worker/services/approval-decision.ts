import { tenantHub } from "../lib/hub";
import type { TenantDb } from "../db/tenant-db";
import type { Principal } from "../lib/app-env";
import type { FormConfig } from "../shared/config/form";
import { getItem, type Snapshot } from "../shared/config/snapshot";
import { redactRecordData } from "../shared/records/access";
import type { Role } from "../shared/roles";
import { commitDecision, decide, listApprovals, type ApprovalView } from "./approvals";
import { loadVersion } from "./config/snapshot-store";
import { loadEntity } from "./records/entity";
import { readableRecordIds } from "./records/visibility";
import { updateRecord } from "./records/write";

export type DecisionDeps = { env: Env; tdb: TenantDb; principal: Principal; waitUntil: (p: Promise<unknown>) => void };

/** The config a request was made under, for presenting and deciding it. */
export const snapshotAtFor = (deps: Pick<DecisionDeps, "env" | "principal" | "waitUntil">) => async (version: number) =>
  (await loadVersion(deps.env, deps.principal.tenantId, version, deps.waitUntil))?.snapshot ?? {};

/** Records a decision; the final approval applies the held change in the same batch. */
export async function decideApproval(
  deps: DecisionDeps,
  id: string,
  decision: "approve" | "reject",
  comment?: string,
): Promise<ApprovalView> {
  const { env, tdb, principal, waitUntil } = deps;
  const { tenantId, userId } = principal;
  const outcome = await decide(tdb, snapshotAtFor(deps), principal, { id, decision, comment });
  const change = outcome.row.change as Record<string, unknown> | null;
  if (outcome.final === "approved" && change) {
    const ctx = await loadEntity(env, tenantId, outcome.row.entity, waitUntil);
    await updateRecord(
      tdb,
      ctx,
      { ...principal, userId, role: "admin" },
      outcome.row.recordId,
      change,
      undefined,
      Date.now(),
      { first: outcome.statements },
    );
  } else {
    await commitDecision(tdb, outcome.statements);
  }
  waitUntil(
    tenantHub(env, tenantId)
      .drainEvents()
      .catch(() => undefined),
  );
  return outcome.view;
}

/** A record's pending requests as the caller may see them: the held change redacted like the record. */
export async function pendingApprovalsOf(
  deps: Pick<DecisionDeps, "env" | "tdb" | "principal" | "waitUntil">,
  form: FormConfig,
  recordId: string,
) {
  const views = await listApprovals(deps.tdb, snapshotAtFor(deps), deps.principal, {
    status: "pending",
    mine: false,
    recordId,
  });
  return views.map((v) => redactApproval(v, form, deps.principal.role));
}

export function redactApproval(view: ApprovalView, form: Pick<FormConfig, "fields">, role: Role): ApprovalView {
  return { ...view, change: view.change ? redactRecordData(view.change as Record<string, unknown>, form, role) : null };
}

/** Requests as the caller may see them: only on records they can read, each held change redacted like the record. */
export async function visibleApprovals(
  tdb: TenantDb,
  snapshot: Snapshot,
  principal: Principal,
  views: ApprovalView[],
): Promise<ApprovalView[]> {
  const readable = await readableRecordIds(
    tdb,
    snapshot,
    principal,
    views.map((v) => v.recordId),
  );
  return views.flatMap((v) => {
    const form = getItem(snapshot, "form", v.entity, "default");
    return form && readable.has(v.recordId) ? [redactApproval(v, form, principal.role)] : [];
  });
}
