// Search across every entity the caller can read (the ⌘K palette).
import { api, type ApiResponse } from "./typed";

export type SearchHit = ApiResponse<"/crm/search">["items"][number];

export async function searchRecords(q: string, limit = 8, signal?: AbortSignal): Promise<SearchHit[]> {
  return (await api("get", "/crm/search", { query: { q, limit }, signal })).items;
}
