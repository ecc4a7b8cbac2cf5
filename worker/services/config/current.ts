import { tenantHub } from "../../lib/hub";
import { countTrip } from "../../lib/trips";
import type { Snapshot } from "../../shared/config/snapshot";
import { loadVersion, type LoadedVersion } from "./snapshot-store";

type Wait = (p: Promise<unknown>) => void;

// Which version is current is the tenant object's to say (never a KV pointer, which may lag).
// Asking it costs an object round trip per request, so each isolate remembers the answer for
// HEAD_TTL_MS: a publish through this isolate replaces it at once (notePublished), a client
// that learned a newer version on its socket says so (`x-config-version`, see noteClientVersion),
// and other isolates' publishes are seen within HEAD_TTL_MS. A records request therefore learns
// the version at most once, usually from memory.
export const HEAD_TTL_MS = 2_000;
const MAX_HEADS = 10_000;
const heads = new Map<string, { version: number; at: number }>();

/**
 * The tenant's current published version, its content from the immutable-version cache.
 */
export async function currentVersion(
  env: Env,
  tenantId: string,
  waitUntil?: Wait,
  now = Date.now(),
): Promise<LoadedVersion | undefined> {
  const version = await currentHead(env, tenantId, now);
  if (version === 0) return undefined;
  const loaded = await loadVersion(env, tenantId, version, waitUntil);
  if (!loaded) throw new Error(`version ${version} of ${tenantId} is missing`);
  return loaded;
}

async function currentHead(env: Env, tenantId: string, now: number): Promise<number> {
  const known = heads.get(tenantId);
  if (known && now - known.at < HEAD_TTL_MS) {
    countTrip(env, "cache");
    return known.version;
  }
  const head = await tenantHub(env, tenantId).current();
  // A tenant without a published version is rare and about to change: not remembered.
  if (head.version > 0) remember(tenantId, head.version, now);
  return head.version;
}

function remember(tenantId: string, version: number, now: number) {
  if (heads.size >= MAX_HEADS) heads.clear();
  heads.set(tenantId, { version, at: now });
}

/** A publish (or rollback, or bundle) through this isolate: its version is current from now on. */
export function notePublished(
  tenantId: string,
  reply: { ok: true; result: { version: number } } | { ok: false; refusal: { code: string } },
  now = Date.now(),
): void {
  if (!reply.ok) {
    if (reply.refusal.code === "version_conflict") heads.delete(tenantId); // someone else published
    return;
  }
  const known = heads.get(tenantId);
  if (!known || known.version <= reply.result.version) remember(tenantId, reply.result.version, now);
}

/** A client saw `version` on its socket: if this isolate knows an older one, ask again. */
export function noteClientVersion(tenantId: string, version: number): void {
  const known = heads.get(tenantId);
  if (known && Number.isSafeInteger(version) && version > known.version) heads.delete(tenantId);
}

export async function currentSnapshot(env: Env, tenantId: string, waitUntil?: Wait): Promise<Snapshot> {
  return (await currentVersion(env, tenantId, waitUntil))?.snapshot ?? {};
}
