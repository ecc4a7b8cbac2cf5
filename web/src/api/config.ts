import { api, apiCall } from "./typed";
import type {
  AuditPage,
  ConfigItemSummary,
  ConfigStatus,
  ConfigVersion,
  RuntimeConfig,
  RuntimeConfigSince,
} from "./types";

export async function getRuntimeConfig(signal?: AbortSignal): Promise<RuntimeConfig> {
  const config = await api("get", "/runtime/config", { signal });
  if (!("snapshot" in config)) throw new Error("Expected a full configuration snapshot");
  return config;
}

/** What changed since `version`: a full snapshot, a delta, or null (304: nothing). */
export async function getRuntimeConfigSince(version: number): Promise<RuntimeConfigSince> {
  const { status, data } = await apiCall("get", "/runtime/config", { query: { sinceVersion: version } });
  return status === 304 ? null : data;
}

export interface ConfigItemFilter {
  namespace?: string;
  entity?: string;
  status?: ConfigStatus | "";
}

export async function listConfigItems(
  filter: ConfigItemFilter = {},
  signal?: AbortSignal,
): Promise<ConfigItemSummary[]> {
  return (await api("get", "/admin/config", { query: { ...filter }, signal })).items;
}

export async function listConfigVersions(signal?: AbortSignal): Promise<ConfigVersion[]> {
  return (await api("get", "/admin/config/versions", { signal })).versions;
}

export function listAudit(cursor?: string | null, limit = 50, signal?: AbortSignal): Promise<AuditPage> {
  return api("get", "/admin/audit", { query: { cursor, limit }, signal });
}
