import { apiRequest } from "./client";
import type { RecordPage } from "./types";

export interface RecordQuery {
  view?: string;
  cursor?: string | null;
  limit?: number;
  q?: string;
}

export function listRecords(entity: string, query: RecordQuery = {}, signal?: AbortSignal): Promise<RecordPage> {
  return apiRequest<RecordPage>(`/crm/${encodeURIComponent(entity)}`, { query: { ...query }, signal });
}
