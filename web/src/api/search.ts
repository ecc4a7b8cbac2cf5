// Search across every entity the caller can read (the ⌘K palette).
import { apiRequest } from "./client";
import type { CrmRecord } from "./types";

export interface SearchHit {
  entity: string;
  id: string;
  title: string;
  record: CrmRecord | Record<string, unknown>;
}

export async function searchRecords(q: string, limit = 8, signal?: AbortSignal): Promise<SearchHit[]> {
  const { items } = await apiRequest<{ items: SearchHit[] }>("/crm/search", { query: { q, limit }, signal });
  return Array.isArray(items) ? items : [];
}
