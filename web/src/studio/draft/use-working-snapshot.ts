// The configuration a publish of everything would produce: the published snapshot with every
// pending draft applied (removals removed). Builders check references and offer keys from it.
import { useMemo } from "react";
import { isNamespace } from "@shared/config/namespaces";
import { removeItem, setItem, type Snapshot } from "@shared/config/snapshot";
import { listConfigItems } from "../../api/config";
import { getDraft, type DraftItem, type ItemId } from "../../api/studio";
import type { ConfigItemSummary } from "../../api/types";
import { useRuntimeConfigStore } from "../../state/runtime-config";
import { keys, useApiQuery } from "../../state/server-state";

const sameItem = (a: { namespace: string; entity: string; key: string }, b?: ItemId | null) =>
  !!b && a.namespace === b.namespace && a.entity === b.entity && a.key === b.key;

async function loadDrafts(
  exclude: ItemId | null,
  signal: AbortSignal,
): Promise<Array<{ summary: ConfigItemSummary; draft: DraftItem | null }>> {
  const items = await listConfigItems({ status: "draft" }, signal);
  return Promise.all(
    items
      .filter((i) => !sameItem(i, exclude))
      .map(async (summary) => ({
        summary,
        // A draft that can't be read is left out rather than failing the whole page.
        draft: summary.pendingDelete ? null : await getDraft(summary as ItemId, signal).catch(() => null),
      })),
  );
}

export function applyDrafts(
  base: Snapshot,
  drafts: Array<{ summary: ConfigItemSummary; draft: DraftItem | null }>,
): Snapshot {
  let next = base;
  for (const { summary, draft } of drafts) {
    if (!isNamespace(summary.namespace)) continue;
    if (summary.pendingDelete) next = removeItem(next, summary.namespace, summary.entity, summary.key);
    else if (draft) next = setItem(next, summary.namespace, summary.entity, summary.key, draft.config);
  }
  return next;
}

/** `exclude`: the item being edited, whose live value the caller applies itself. */
export function useWorkingSnapshot(exclude: ItemId | null): { snapshot: Snapshot; loading: boolean; error: unknown } {
  const published = useRuntimeConfigStore((s) => s.snapshot) as Snapshot | null;
  const version = useRuntimeConfigStore((s) => s.version);
  const drafts = useApiQuery(
    keys.studio("working", version, exclude?.namespace, exclude?.entity, exclude?.key),
    (signal) => loadDrafts(exclude, signal),
    { staleTime: 0, keepPrevious: true },
  );
  const snapshot = useMemo(() => applyDrafts(published ?? {}, drafts.data ?? []), [published, drafts.data]);
  return { snapshot, loading: drafts.status === "loading", error: drafts.error };
}
