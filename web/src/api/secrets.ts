import { api, type Schemas } from "./typed";

/** A tenant secret as the API lists it: a name and when it was set, never its value. */
export type SecretInfo = Schemas["SecretInfo"];

export async function listSecrets(signal?: AbortSignal): Promise<SecretInfo[]> {
  return (await api("get", "/admin/secrets", { signal })).items;
}

/** 204 on success; the value is write-only. */
export async function setSecret(name: string, value: string): Promise<void> {
  await api("put", "/admin/secrets/{name}", { path: { name }, body: { value } });
}

export async function deleteSecret(name: string): Promise<void> {
  await api("delete", "/admin/secrets/{name}", { path: { name } });
}
