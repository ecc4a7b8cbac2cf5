import { notFound } from "../../lib/errors";
import type { Condition } from "../../shared/config/condition";
import type { FormConfig } from "../../shared/config/form";
import { getItem, type Snapshot } from "../../shared/config/snapshot";
import { withFormulaAccess } from "../../shared/formula/fields";
import type { WorkflowConfig } from "../../shared/config/workflow";
import { currentVersion } from "../config/current";

/** What a records request needs from the published config of one entity. */
export type EntityContext = {
  entity: string;
  form: FormConfig;
  workflow: WorkflowConfig | undefined;
  snapshot: Snapshot;
  configVersion: number;
  resolveRef: (key: string) => Condition | undefined;
};

/** An entity exists for a tenant when its published snapshot has `form/<entity>/default`. */
export function entityFromSnapshot(
  snapshot: Snapshot,
  configVersion: number,
  entity: string,
): EntityContext | undefined {
  const form = getItem(snapshot, "form", entity, "default");
  if (!form) return undefined;
  return {
    entity,
    // A formula over a field some role may not read is hidden from that role too.
    form: withFormulaAccess(form),
    workflow: getItem(snapshot, "workflow", entity, "default"),
    snapshot,
    configVersion,
    resolveRef: (key) => getItem(snapshot, "condition", entity, key),
  };
}

export async function loadEntity(
  env: Env,
  tenantId: string,
  entity: string,
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<EntityContext> {
  const current = await currentVersion(env, tenantId, waitUntil);
  const ctx = current && entityFromSnapshot(current.snapshot, current.version, entity);
  if (!ctx) throw notFound(`There is no entity "${entity}"`, "unknown_entity");
  return ctx;
}

/** Agents (and read-only members) see only their own or assigned records when the form says so. */
export function ownerScoped(ctx: EntityContext, role: string): boolean {
  return ctx.form.recordAccess === "owner" && (role === "agent" || role === "read_only");
}
