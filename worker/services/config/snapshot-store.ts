import { and, eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { configSnapshots } from "../../db/schema";
import { placementOf } from "../tenancy/directory";
import { shardDatabase } from "../tenancy/placement";
import { redactSnapshot } from "../../shared/config/redact";
import type { Snapshot } from "../../shared/config/snapshot";
import { countTrip } from "../../lib/trips";

/** One immutable published version, as the runtime serves it. */
export type LoadedVersion = {
  version: number;
  hash: string;
  /** The full snapshot, secrets included: for the server's own use only. */
  snapshot: Snapshot;
  /** What members may see, serialized once per version (not per request). */
  publicSnapshot: Snapshot;
  publicBody: string;
};

export const snapshotKey = (tenantId: string, version: number) => `snapshot:${tenantId}:${version}`;

// Versions never change, so an isolate may keep them for ever; the bound is only for memory.
const MAX_CACHED = 48;
const cache = new Map<string, LoadedVersion>();

type StoreEnv = Env;
type Stored = { version: number; hash: string; snapshot: Snapshot };

/**
 * An immutable version from the isolate cache, else KV, else D1 (the source of truth, which
 * then refills KV). Undefined when the tenant has no such version.
 */
export async function loadVersion(
  env: StoreEnv,
  tenantId: string,
  version: number,
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<LoadedVersion | undefined> {
  const key = snapshotKey(tenantId, version);
  const hit = cache.get(key);
  if (hit) {
    countTrip(env, "cache");
    cache.delete(key); // keep recently used versions at the end of the map
    cache.set(key, hit);
    return hit;
  }
  let stored: Stored | null | undefined = await env.SNAPSHOTS.get<Stored>(key, { type: "json", cacheTtl: 86_400 });
  if (!stored) {
    // The shard's primary (no session): a version just published may not have reached a replica.
    stored = await readFromD1(shardDatabase(env, (await placementOf(env, tenantId)).shard), tenantId, version);
    if (!stored) return undefined;
    const refill = env.SNAPSHOTS.put(key, JSON.stringify(stored)).catch((error) =>
      console.warn("KV refill failed", key, error),
    );
    if (waitUntil) waitUntil(refill);
    else await refill;
  }
  return remember(key, stored);
}

/** Puts a just-published version in KV (before anything points at it) and in this isolate. */
export async function storeVersion(env: StoreEnv, tenantId: string, stored: Stored): Promise<LoadedVersion> {
  const key = snapshotKey(tenantId, stored.version);
  try {
    await env.SNAPSHOTS.put(key, JSON.stringify(stored));
  } catch (error) {
    // D1 already holds the version; readers fall back to it and refill KV.
    console.warn("KV write failed", key, error);
  }
  return remember(key, stored);
}

function remember(key: string, stored: Stored): LoadedVersion {
  const publicSnapshot = redactSnapshot(stored.snapshot);
  const loaded: LoadedVersion = {
    ...stored,
    publicSnapshot,
    publicBody: JSON.stringify({ version: stored.version, hash: stored.hash, snapshot: publicSnapshot }),
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, loaded);
  return loaded;
}

async function readFromD1(d1: D1Database, tenantId: string, version: number): Promise<Stored | undefined> {
  const [row] = await createDb(d1)
    .select({ version: configSnapshots.version, hash: configSnapshots.hash, snapshot: configSnapshots.snapshot })
    .from(configSnapshots)
    .where(and(eq(configSnapshots.tenantId, tenantId), eq(configSnapshots.version, version)))
    .limit(1);
  return row ? { version: row.version, hash: row.hash, snapshot: JSON.parse(row.snapshot) as Snapshot } : undefined;
}
