// Names of referenced records (a deal's customer), looked up in batches and cached per session.
// Many cells asking within one tick become one `where id in [...]` request per entity.
import { useEffect, useSyncExternalStore } from "react";
import { listRecords } from "../../api/records";
import { isFormConfig } from "../../config/types";
import { subscribeRealtime } from "../../state/realtime";
import { useRuntimeConfigStore } from "../../state/runtime-config";
import { recordTitle } from "./columns";
import { onSessionReset } from "./session-reset";

// null: asked, and the record isn't there for us (deleted, not visible).
const labels = new Map<string, string | null>();
const queued = new Map<string, Set<string>>();
const inFlight = new Set<string>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let wired = false;

// The condition compiler binds each value; stay well under its 100-parameter budget.
const CHUNK = 80;

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;
const notify = () => listeners.forEach((listener) => listener());

function wire(): void {
  if (wired) return;
  wired = true;
  onSessionReset(clearRecordLabels);
  subscribeRealtime((message) => {
    if (message.type !== "record.changed" || !labels.has(keyOf(message.entity, message.id))) return;
    labels.delete(keyOf(message.entity, message.id));
    notify();
  });
}

export function clearRecordLabels(): void {
  labels.clear();
  queued.clear();
  inFlight.clear();
  clearTimeout(timer);
  notify();
}

/** Seed the cache from records already in hand (search results, list pages). */
export function rememberLabel(entity: string, id: string, label: string): void {
  labels.set(keyOf(entity, id), label);
  notify();
}

function request(entity: string, id: string): void {
  const key = keyOf(entity, id);
  if (labels.has(key) || inFlight.has(key)) return;
  wire();
  inFlight.add(key);
  const ids = queued.get(entity) ?? new Set<string>();
  ids.add(id);
  queued.set(entity, ids);
  clearTimeout(timer);
  timer = setTimeout(flush, 0);
}

function flush(): void {
  for (const [entity, ids] of queued) {
    const all = [...ids];
    for (let i = 0; i < all.length; i += CHUNK) void fetchChunk(entity, all.slice(i, i + CHUNK));
  }
  queued.clear();
}

async function fetchChunk(entity: string, ids: string[]): Promise<void> {
  const found = new Map<string, string>();
  try {
    const page = await listRecords(entity, { where: { field: "id", op: "in", value: ids }, limit: 200 });
    const form = useRuntimeConfigStore.getState().snapshot?.form?.[entity]?.default;
    for (const record of page.items ?? [])
      found.set(record.id, recordTitle(record, isFormConfig(form) ? form : undefined));
  } catch {
    // Unknown entity, no access, offline: the id is all we can show.
  }
  for (const id of ids) {
    const key = keyOf(entity, id);
    if (!inFlight.delete(key)) continue; // cleared meanwhile
    labels.set(key, found.get(id) ?? null);
  }
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The referenced record's title; `undefined` while loading, `null` when it can't be found. */
export function useRecordLabel(entity: string | undefined, id: string | null | undefined): string | null | undefined {
  const key = entity && id ? keyOf(entity, id) : null;
  const label = useSyncExternalStore(subscribe, () => (key ? labels.get(key) : null));
  useEffect(() => {
    if (entity && id && label === undefined) request(entity, id);
  }, [entity, id, label]);
  return label;
}
