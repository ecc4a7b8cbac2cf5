// The Studio's side of the admin config API: drafts, validation, publish, versions, rollback.
import type { Namespace } from "@shared/config/namespaces";
import { ApiError } from "./client";
import { api, type ApiBody, type ApiResponse, type Schemas } from "./typed";

export interface ItemId {
  namespace: Namespace;
  entity: string;
  key: string;
}

export type DraftItem = Schemas["ConfigItem"];
export type ValidationResult = ApiResponse<"/admin/config/{namespace}/{entity}/{key}/validate", "post">;
export type PublishInput = ApiBody<"/admin/config/publish", "post">;
export type PublishResult = Schemas["PublishResult"];
export type VersionSnapshot = ApiResponse<"/admin/config/versions/{version}">;
export type ItemDiff = Schemas["ConfigChange"];

const ifRevision = (revision: number | undefined): Record<string, string> | undefined =>
  revision === undefined ? undefined : { "if-match": `"${revision}"` };

export function getDraft(id: ItemId, signal?: AbortSignal): Promise<DraftItem> {
  return api("get", "/admin/config/{namespace}/{entity}/{key}/draft", { path: { ...id }, signal });
}

/** `revision` makes the write a compare-and-swap (0: the item must not exist yet); a stale one is 412. */
export async function saveDraft(id: ItemId, config: unknown, revision?: number): Promise<DraftItem> {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new ApiError(400, "validation_failed", "A configuration item is a JSON object.");
  }
  const body = { config: { ...config } };
  return api("put", "/admin/config/{namespace}/{entity}/{key}/draft", {
    path: { ...id },
    body,
    headers: ifRevision(revision),
  });
}

/** Marks a published item for removal at the next publish; a never-published draft is dropped. */
export function deleteDraft(id: ItemId, revision?: number): Promise<DraftItem> {
  return api("delete", "/admin/config/{namespace}/{entity}/{key}/draft", {
    path: { ...id },
    headers: ifRevision(revision),
  });
}

/** Validates the *saved* draft against the snapshot it would produce. */
export function validateDraft(id: ItemId): Promise<ValidationResult> {
  return api("post", "/admin/config/{namespace}/{entity}/{key}/validate", { path: { ...id } });
}

/** Validates an edit in the draft's place without saving anything (the saved draft stays as it is). */
export function validateEdit(id: ItemId, config: unknown): Promise<ValidationResult> {
  return api("post", "/admin/config/{namespace}/{entity}/{key}/validate", { path: { ...id }, body: { config } });
}

export function publishConfig(input: PublishInput): Promise<PublishResult> {
  return api("post", "/admin/config/publish", { body: input });
}

export function getVersionSnapshot(version: number, signal?: AbortSignal): Promise<VersionSnapshot> {
  return api("get", "/admin/config/versions/{version}", { path: { version }, signal });
}

export async function diffVersions(from: number, to: number, signal?: AbortSignal): Promise<ItemDiff[]> {
  return (await api("get", "/admin/config/diff", { query: { from, to }, signal })).changes;
}

export function rollbackTo(version: number, message?: string): Promise<PublishResult> {
  return api("post", "/admin/config/rollback", { body: message ? { version, message } : { version } });
}
