// The records API: list (view, where, sort, q, keyset cursor), read, write, transition, history, SLA.
import type { Condition } from "@shared/config/condition";
import type { HistoryItem, SlaTimer } from "./crm-types";
import { api } from "./typed";
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

/** PATCH answers with the record, or 202 `{ held, approvals, record }` when an approval holds the change. */

const ifMatch = (version: number | undefined) => (version === undefined ? undefined : { "if-match": `"${version}"` });

export function listRecords(entity: string, query: RecordListQuery = {}, signal?: AbortSignal): Promise<RecordPage> {
  const { where, ...rest } = query;
  return api("get", "/crm/{entity}", {
    path: { entity },
    query: { ...rest, where: where ? JSON.stringify(where) : undefined },
    signal,
  });
}

export function getRecord(entity: string, id: string, signal?: AbortSignal): Promise<CrmRecord> {
  return api("get", "/crm/{entity}/{id}", { path: { entity, id }, signal });
}

export function createRecord(entity: string, values: Record<string, unknown>): Promise<CrmRecord> {
  return api("post", "/crm/{entity}", { path: { entity }, body: values });
}

/** Partial update; a stale `version` is a 412. A change an approval holds answers with the record as it stays. */
export async function updateRecord(
  entity: string,
  id: string,
  values: Record<string, unknown>,
  version?: number,
): Promise<CrmRecord> {
  const result = await api("patch", "/crm/{entity}/{id}", {
    path: { entity, id },
    body: values,
    headers: ifMatch(version),
  });
  return "held" in result ? result.record : result;
}

/** Soft delete (204). */
export async function deleteRecord(entity: string, id: string, version?: number): Promise<void> {
  await api("delete", "/crm/{entity}/{id}", { path: { entity, id }, headers: ifMatch(version) });
}

/** The server decides: 409 invalid_transition, 403 for a role that may not. */
export function transitionRecord(entity: string, id: string, to: string): Promise<CrmRecord> {
  return api("post", "/crm/{entity}/{id}/transition", { path: { entity, id }, body: { to } });
}

export async function getRecordHistory(entity: string, id: string, signal?: AbortSignal): Promise<HistoryItem[]> {
  return (await api("get", "/crm/{entity}/{id}/history", { path: { entity, id }, signal })).items;
}

export async function getRecordSla(entity: string, id: string, signal?: AbortSignal): Promise<SlaTimer[]> {
  return (await api("get", "/crm/{entity}/{id}/sla", { path: { entity, id }, signal })).timers;
}
