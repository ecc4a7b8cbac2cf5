// The records API: list (view, where, sort, q, keyset cursor), read, write, transition, history, SLA.
import type { Condition } from "@shared/config/condition";
import { apiRequest } from "./client";
import type { HistoryItem, ItemList, SlaTimer } from "./crm-types";
import type { CrmRecord, RecordPage } from "./types";

export interface RecordListQuery {
  view?: string;
  where?: Condition | null;
  /** `field` or `-field`, comma separated. */
  sort?: string;
  limit?: number;
  cursor?: string | null;
  q?: string;
}

const base = (entity: string) => `/crm/${encodeURIComponent(entity)}`;
const one = (entity: string, id: string) => `${base(entity)}/${encodeURIComponent(id)}`;
const ifMatch = (version: number | undefined) => (version === undefined ? undefined : { "if-match": `"${version}"` });

export function listRecords(entity: string, query: RecordListQuery = {}, signal?: AbortSignal): Promise<RecordPage> {
  const { where, ...rest } = query;
  return apiRequest<RecordPage>(base(entity), {
    query: { ...rest, where: where ? JSON.stringify(where) : undefined },
    signal,
  });
}

export function getRecord(entity: string, id: string, signal?: AbortSignal): Promise<CrmRecord> {
  return apiRequest<CrmRecord>(one(entity, id), { signal });
}

export function createRecord(entity: string, values: Record<string, unknown>): Promise<CrmRecord> {
  return apiRequest<CrmRecord>(base(entity), { method: "POST", body: values });
}

/** Partial update; a stale `version` is a 412. */
export function updateRecord(entity: string, id: string, values: Record<string, unknown>, version?: number): Promise<CrmRecord> {
  return apiRequest<CrmRecord>(one(entity, id), { method: "PATCH", body: values, headers: ifMatch(version) });
}

/** Soft delete (204). */
export async function deleteRecord(entity: string, id: string, version?: number): Promise<void> {
  await apiRequest<void>(one(entity, id), { method: "DELETE", headers: ifMatch(version) });
}

/** The server decides: 409 invalid_transition, 403 for a role that may not. */
export function transitionRecord(entity: string, id: string, to: string): Promise<CrmRecord> {
  return apiRequest<CrmRecord>(`${one(entity, id)}/transition`, { method: "POST", body: { to } });
}

export async function getRecordHistory(entity: string, id: string, signal?: AbortSignal): Promise<HistoryItem[]> {
  const { items } = await apiRequest<ItemList<HistoryItem>>(`${one(entity, id)}/history`, { signal });
  return Array.isArray(items) ? items : [];
}

export async function getRecordSla(entity: string, id: string, signal?: AbortSignal): Promise<SlaTimer[]> {
  const { timers } = await apiRequest<{ timers: SlaTimer[] }>(`${one(entity, id)}/sla`, { signal });
  return Array.isArray(timers) ? timers : [];
}
