// Every item with unpublished changes, with its published and draft content side by side.
import { diffSnapshots } from "@shared/config/diff";
import { isNamespace } from "@shared/config/namespaces";
import { getRawItem, type Snapshot } from "@shared/config/snapshot";
import { listConfigItems } from "../../api/config";
import { getDraft, getVersionSnapshot, type ItemId } from "../../api/studio";
import type { ConfigItemSummary } from "../../api/types";

export type PendingKind = "added" | "removed" | "modified" | "unchanged";

export interface PendingChange {
  id: ItemId;
  summary: ConfigItemSummary;
  kind: PendingKind;
  before: unknown;
  after: unknown;
}

export const refId = (r: { namespace: string; entity: string; key: string }) => `${r.namespace}/${r.entity}/${r.key}`;

/** added / removed / modified / unchanged, decided by the shared snapshot diff. */
export function changeKind(id: ItemId, before: unknown, after: unknown): PendingKind {
  const wrap = (config: unknown): Snapshot =>
    config === undefined ? {} : { [id.namespace]: { [id.entity]: { [id.key]: config } } };
  return diffSnapshots(wrap(before), wrap(after))[0]?.change ?? "unchanged";
}

export async function loadPendingChanges(version: number | null, signal: AbortSignal): Promise<PendingChange[]> {
  const [items, published] = await Promise.all([
    listConfigItems({ status: "draft" }, signal),
    version ? getVersionSnapshot(version, signal).then((v) => v.snapshot as Snapshot) : Promise.resolve({} as Snapshot),
  ]);
  const drafts = items.filter((i) => isNamespace(i.namespace));
  return Promise.all(
    drafts.map(async (summary) => {
      const id = { namespace: summary.namespace, entity: summary.entity, key: summary.key } as ItemId;
      const before = getRawItem(published, id.namespace, id.entity, id.key);
      const after = summary.pendingDelete ? undefined : (await getDraft(id, signal)).config;
      return { id, summary, kind: changeKind(id, before, after), before, after };
    }),
  );
}
