import { apiRequest } from "./client";

/** A tenant secret as the API lists it: a name and when it was set, never its value. */
export interface SecretInfo {
  name: string;
  updatedAt: string;
  updatedBy: string | null;
}

export async function listSecrets(signal?: AbortSignal): Promise<SecretInfo[]> {
  const { items } = await apiRequest<{ items: SecretInfo[] }>("/admin/secrets", { signal });
  return Array.isArray(items) ? items : [];
}

/** 204 on success; the value is write-only. */
export async function setSecret(name: string, value: string): Promise<void> {
  await apiRequest<void>(`/admin/secrets/${encodeURIComponent(name)}`, { method: "PUT", body: { value } });
}

export async function deleteSecret(name: string): Promise<void> {
  await apiRequest<void>(`/admin/secrets/${encodeURIComponent(name)}`, { method: "DELETE" });
}
