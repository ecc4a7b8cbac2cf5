import { apiRequest } from "./client";

export type KeyScope = "read" | "write" | "admin";

/** An API key as listed (GET /api/auth/tokens); the secret itself is never listed. */
export interface ApiKey {
  id: string;
  name: string;
  scope: KeyScope;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** Shown once, right after creation. */
  token: string;
}

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKey[]> {
  const { items } = await apiRequest<{ items: ApiKey[] }>("/auth/tokens", { signal });
  return items;
}

export function createApiKey(input: { name: string; scope: KeyScope; expiresAt?: string }): Promise<CreatedApiKey> {
  return apiRequest<CreatedApiKey>("/auth/tokens", { method: "POST", body: input });
}

export async function revokeApiKey(id: string): Promise<void> {
  await apiRequest<void>(`/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
}
