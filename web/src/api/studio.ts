// The Studio's side of the admin config API: drafts, validation, publish, versions, rollback.
import type { ConfigError } from "@shared/config/issues";
import type { Namespace } from "@shared/config/namespaces";
import { apiRequest } from "./client";
import type { ConfigChange, ConfigItemRef, ConfigStatus, Snapshot } from "./types";

export interface ItemId {
  namespace: Namespace;
  entity: string;
  key: string;
}

export interface DraftItem extends ItemId {
  config: unknown;
  status: ConfigStatus;
  revision: number;
  publishedVersion?: number | null;
  /** Marked for removal at the next publish. */
  pendingDelete?: boolean;
  updatedAt?: string;
  updatedBy?: string | null;
}

export interface ValidationResult {
  valid: boolean;
  errors?: ConfigError[];
}

export interface PublishInput {
  items?: ConfigItemRef[];
  message?: string;
  expectedVersion?: number;
}

export interface PublishResult {
  version: number;
  hash: string;
  publishedAt: string;
  items: Array<ConfigItemRef & { change: ConfigChange }>;
}

export interface VersionSnapshot {
  version: number;
  hash: string;
  snapshot: Snapshot;
}

export interface ItemDiff extends ConfigItemRef {
  change: ConfigChange;
  before?: unknown;
  after?: unknown;
}

const itemPath = ({ namespace, entity, key }: ItemId) =>
  `/admin/config/${encodeURIComponent(namespace)}/${encodeURIComponent(entity)}/${encodeURIComponent(key)}`;

export function getDraft(id: ItemId, signal?: AbortSignal): Promise<DraftItem> {
  return apiRequest<DraftItem>(`${itemPath(id)}/draft`, { signal });
}

/** `revision` makes the write a compare-and-swap (0: the item must not exist yet); a stale one is 412. */
export function saveDraft(id: ItemId, config: unknown, revision?: number): Promise<DraftItem> {
  const headers: Record<string, string> = revision === undefined ? {} : { "if-match": `"${revision}"` };
  return apiRequest<DraftItem>(`${itemPath(id)}/draft`, { method: "PUT", body: { config }, headers });
}

/** Marks a published item for removal at the next publish; a never-published draft is dropped. */
export function deleteDraft(id: ItemId, revision?: number): Promise<DraftItem> {
  const headers: Record<string, string> = revision === undefined ? {} : { "if-match": `"${revision}"` };
  return apiRequest<DraftItem>(`${itemPath(id)}/draft`, { method: "DELETE", headers });
}

/** Validates the *saved* draft against the snapshot it would produce. */
export function validateDraft(id: ItemId): Promise<ValidationResult> {
  return apiRequest<ValidationResult>(`${itemPath(id)}/validate`, { method: "POST" });
}

/** Validates an edit in the draft's place without saving anything (the saved draft stays as it is). */
export function validateEdit(id: ItemId, config: unknown): Promise<ValidationResult> {
  return apiRequest<ValidationResult>(`${itemPath(id)}/validate`, { method: "POST", body: { config } });
}

export function publishConfig(input: PublishInput): Promise<PublishResult> {
  return apiRequest<PublishResult>("/admin/config/publish", { method: "POST", body: input });
}

export function getVersionSnapshot(version: number, signal?: AbortSignal): Promise<VersionSnapshot> {
  return apiRequest<VersionSnapshot>(`/admin/config/versions/${version}`, { signal });
}

export async function diffVersions(from: number, to: number, signal?: AbortSignal): Promise<ItemDiff[]> {
  const { changes } = await apiRequest<{ changes: ItemDiff[] }>("/admin/config/diff", { query: { from, to }, signal });
  return changes;
}

export function rollbackTo(version: number, message?: string): Promise<PublishResult> {
  return apiRequest<PublishResult>("/admin/config/rollback", { method: "POST", body: message ? { version, message } : { version } });
}
