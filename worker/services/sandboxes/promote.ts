import { diffSnapshots, type ItemChange } from "../../shared/config/diff";
import type { BundleInput } from "../../shared/config/bundle";
import { canonicalJson } from "../../shared/config/hash";
import { getRawItem, type Snapshot } from "../../shared/config/snapshot";
import { loadVersion } from "../config/snapshot-store";
import { currentSnapshot } from "../config/current";

const label = (i: { namespace: string; entity: string; key: string }) => `${i.namespace}/${i.entity}/${i.key}`;

export type PromotionPlan = {
  /** What the sandbox changed since it was made (its version 1). */
  sandboxChanges: ItemChange[];
  /** Those changes as a bundle for production: set what it added or modified, remove what it removed. */
  bundle: BundleInput;
  /** Items production changed since the sandbox was made that the promotion overwrites. */
  conflicts: { namespace: string; entity: string; key: string }[];
};

/**
 * A promotion carries only what changed in the sandbox, not the sandbox's whole config: a
 * production item edited meanwhile and untouched in the sandbox keeps production's edit. An
 * item changed on both sides is listed as a conflict (the sandbox's version wins).
 */
export function planPromotion(base: Snapshot, sandbox: Snapshot, production: Snapshot): PromotionPlan {
  const sandboxChanges = diffSnapshots(base, sandbox);
  const productionChanged = new Set(diffSnapshots(base, production).map(label));
  const bundle: BundleInput = { items: [], remove: [] };
  for (const c of sandboxChanges) {
    const ref = { namespace: c.namespace, entity: c.entity, key: c.key };
    if (c.change === "removed") {
      if (getRawItem(production, c.namespace, c.entity, c.key) !== undefined) bundle.remove!.push(ref);
    } else bundle.items.push({ ...ref, config: c.after });
  }
  // Changed in production too, to something other than the sandbox's version (so not simply promoted before).
  const conflicts = sandboxChanges
    .filter(
      (c) =>
        productionChanged.has(label(c)) &&
        canonicalJson(getRawItem(production, c.namespace, c.entity, c.key)) !== canonicalJson(c.after),
    )
    .map(({ namespace, entity, key }) => ({ namespace, entity, key }));
  return { sandboxChanges, bundle, conflicts };
}

/** The snapshots a promotion needs: the sandbox's base (version 1) and current, and production's current. */
export async function promotionInputs(env: Env, productionId: string, sandboxId: string) {
  const [base, sandbox, production] = await Promise.all([
    loadVersion(env, sandboxId, 1).then((v) => v?.snapshot ?? {}),
    currentSnapshot(env, sandboxId),
    currentSnapshot(env, productionId),
  ]);
  return planPromotion(base, sandbox, production);
}
