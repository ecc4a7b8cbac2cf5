// The published configuration the whole UI renders from. It only ever moves forward:
// a response older than what we hold is dropped, so a slow request can't undo a publish.
import { create } from "zustand";
import { getRuntimeConfig, getRuntimeConfigSince } from "../api/config";
import type { ConfigDelta, RuntimeConfig, RuntimeConfigSince, Snapshot } from "../api/types";

export type ConfigStatus = "loading" | "ready" | "error";

export interface RuntimeConfigState {
  version: number | null;
  hash: string | null;
  snapshot: Snapshot | null;
  status: ConfigStatus;
  error: unknown;
}

const initial: RuntimeConfigState = { version: null, hash: null, snapshot: null, status: "loading", error: null };

export const useRuntimeConfigStore = create<RuntimeConfigState>()(() => initial);

/** Take a full snapshot unless it is older than (or the same as) the one held. */
export function applySnapshot(config: RuntimeConfig): boolean {
  const { version } = useRuntimeConfigStore.getState();
  if (version !== null && config.version <= version) return false;
  useRuntimeConfigStore.setState({
    version: config.version,
    hash: config.hash,
    snapshot: config.snapshot ?? {},
    status: "ready",
    error: null,
  });
  return true;
}

/** Apply a delta computed against `baseVersion`; refused unless that is still what we hold. */
export function applyDelta(baseVersion: number, version: number, hash: string, delta: ConfigDelta): boolean {
  const state = useRuntimeConfigStore.getState();
  if (state.version !== baseVersion || state.snapshot === null || version <= baseVersion) return false;
  useRuntimeConfigStore.setState({
    version,
    hash,
    snapshot: patchSnapshot(state.snapshot, delta),
    status: "ready",
    error: null,
  });
  return true;
}

/** A new snapshot with the delta applied; untouched namespaces keep their identity. */
export function patchSnapshot(snapshot: Snapshot, delta: ConfigDelta): Snapshot {
  const next: Snapshot = { ...snapshot };
  const touch = (namespace: string, entity: string) => {
    const ns = (next[namespace] = { ...next[namespace] });
    return (ns[entity] = { ...ns[entity] });
  };
  for (const { namespace, entity, key, config } of delta.set ?? []) touch(namespace, entity)[key] = config;
  for (const { namespace, entity, key } of delta.removed ?? []) {
    if (!next[namespace]?.[entity]) continue;
    delete touch(namespace, entity)[key];
    if (Object.keys(next[namespace]![entity]!).length === 0) delete next[namespace]![entity];
    if (Object.keys(next[namespace]!).length === 0) delete next[namespace];
  }
  return next;
}

// Bumped on reset, so a response that lands after sign-out is not applied to the next session.
let epoch = 0;

/** Fetch the current snapshot in full. */
export async function loadConfig(): Promise<void> {
  const started = epoch;
  const hadSnapshot = useRuntimeConfigStore.getState().snapshot !== null;
  if (!hadSnapshot) useRuntimeConfigStore.setState({ status: "loading", error: null });
  try {
    const config = await getRuntimeConfig();
    if (started === epoch) applySnapshot(config);
  } catch (error) {
    if (started !== epoch) return;
    // Keep showing what we have; only an app with nothing to show goes to the error state.
    useRuntimeConfigStore.setState(hadSnapshot ? { error } : { status: "error", error });
  }
}

let inFlight: Promise<void> | null = null;
let again = false;

/**
 * Catch up with the server: `?sinceVersion=<held>` (or a full load when nothing is held).
 * Calls while one is running coalesce into a single follow-up.
 */
export function syncConfig(): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    try {
      do {
        again = false;
        await syncOnce();
      } while (again);
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

async function syncOnce(): Promise<void> {
  const base = useRuntimeConfigStore.getState().version;
  if (base === null) return loadConfig();
  const started = epoch;
  let result: RuntimeConfigSince;
  try {
    result = await getRuntimeConfigSince(base);
  } catch (error) {
    if (started === epoch) useRuntimeConfigStore.setState({ error });
    return;
  }
  if (result === null || started !== epoch) return; // 304: up to date
  if ("delta" in result) {
    const applied = applyDelta(base, result.version, result.hash, result.delta);
    // We moved on while the delta was in flight; ask again from where we are now.
    if (!applied && result.version > (useRuntimeConfigStore.getState().version ?? -1)) again = true;
  } else {
    applySnapshot(result);
  }
}

/** Forget everything (sign-out). */
export function resetConfig(): void {
  epoch += 1;
  again = false;
  useRuntimeConfigStore.setState(initial, true);
}
