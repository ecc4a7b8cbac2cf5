import { apiFetch, apiRequest } from "./client";
import type {
  AuditPage, ConfigItemList, ConfigItemSummary, ConfigStatus, ConfigVersion, ConfigVersionList,
  RuntimeConfig, RuntimeConfigSince,
} from "./types";

export function getRuntimeConfig(signal?: AbortSignal): Promise<RuntimeConfig> {
  return apiRequest<RuntimeConfig>("/runtime/config", { signal });
}

/** What changed since `version`: a full snapshot, a delta, or null (304: nothing). */
export async function getRuntimeConfigSince(version: number): Promise<RuntimeConfigSince> {
  const { status, data } = await apiFetch<RuntimeConfigSince>("/runtime/config", { query: { sinceVersion: version } });
  return status === 304 ? null : data;
}

export interface ConfigItemFilter {
  namespace?: string;
  entity?: string;
  status?: ConfigStatus | "";
}

export async function listConfigItems(filter: ConfigItemFilter = {}, signal?: AbortSignal): Promise<ConfigItemSummary[]> {
  const { items } = await apiRequest<ConfigItemList>("/admin/config", { query: { ...filter }, signal });
  return items;
}

export async function listConfigVersions(signal?: AbortSignal): Promise<ConfigVersion[]> {
  const { versions } = await apiRequest<ConfigVersionList>("/admin/config/versions", { signal });
  return versions;
}

export function listAudit(cursor?: string | null, limit = 50, signal?: AbortSignal): Promise<AuditPage> {
  return apiRequest<AuditPage>("/admin/audit", { query: { cursor, limit }, signal });
}
