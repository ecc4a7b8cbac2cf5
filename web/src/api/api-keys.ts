import { api, type ApiBody, type ApiResponse, type Schemas } from "./typed";

/** An API key as listed (GET /api/auth/tokens); the secret itself is never listed. */
export type ApiKey = Schemas["ApiKey"];
export type KeyScope = ApiKey["scope"];
/** Carries `token`, shown once, right after creation. */
export type CreatedApiKey = ApiResponse<"/auth/tokens", "post">;

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKey[]> {
  return (await api("get", "/auth/tokens", { signal })).items;
}

export function createApiKey(input: ApiBody<"/auth/tokens", "post">): Promise<CreatedApiKey> {
  return api("post", "/auth/tokens", { body: input });
}

export async function revokeApiKey(id: string): Promise<void> {
  await api("delete", "/auth/tokens/{id}", { path: { id } });
}
