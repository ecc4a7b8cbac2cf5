import { apiRequest } from "./client";

export interface TenantLimit {
  limit: number;
  /** Null where the platform does not count it per tenant (e.g. a per-user share). */
  used: number | null;
}

export interface TenantInfo {
  tenant: { id: string; slug: string; name: string };
  shard: string;
  usage: Record<string, number>;
  limits: Record<string, TenantLimit>;
}

export function getTenantInfo(signal?: AbortSignal): Promise<TenantInfo> {
  return apiRequest<TenantInfo>("/admin/tenant", { signal });
}
