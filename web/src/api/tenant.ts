import { api, type Schemas } from "./typed";

export type TenantInfo = Schemas["TenantInfo"];
export type TenantLimit = TenantInfo["limits"][string];

export function getTenantInfo(signal?: AbortSignal): Promise<TenantInfo> {
  return api("get", "/admin/tenant", { signal });
}
