import { tenantHub } from "../../durable/hub";
import type { Snapshot } from "../../shared/config/snapshot";
import { loadVersion, type LoadedVersion } from "./snapshot-store";

type Wait = (p: Promise<unknown>) => void;

/**
 * The tenant's current published version. Which version is current is the tenant object's to
 * say (never a KV pointer, which may lag); its content comes from the immutable-version cache.
 */
export async function currentVersion(env: Env, tenantId: string, waitUntil?: Wait): Promise<LoadedVersion | undefined> {
  const head = await tenantHub(env, tenantId).current(tenantId);
  if (head.version === 0) return undefined;
  const loaded = await loadVersion(env, tenantId, head.version, waitUntil);
  if (!loaded) throw new Error(`version ${head.version} of ${tenantId} is missing`);
  return loaded;
}

export async function currentSnapshot(env: Env, tenantId: string, waitUntil?: Wait): Promise<Snapshot> {
  return (await currentVersion(env, tenantId, waitUntil))?.snapshot ?? {};
}
