// The automation log for admins: runs with their steps, and the email outbox.
import { api, type Schemas } from "./typed";

export type RunStatus = Schemas["AutomationRun"]["status"];
export const RUN_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "skipped",
] as const satisfies readonly RunStatus[];

export type RunStep = Schemas["RunStep"];

export type AutomationRun = Schemas["AutomationRun"];

export interface RunFilter {
  automation?: string;
  status?: RunStatus | "";
  limit?: number;
}

export type OutgoingEmail = Schemas["OutgoingEmail"];

export async function listRuns(filter: RunFilter = {}, signal?: AbortSignal): Promise<AutomationRun[]> {
  return (await api("get", "/admin/automation/runs", { query: { ...filter }, signal })).items;
}

export async function listEmails(
  query: { recordId?: string; limit?: number } = {},
  signal?: AbortSignal,
): Promise<OutgoingEmail[]> {
  return (await api("get", "/admin/automation/emails", { query: { ...query }, signal })).items;
}

/** Where Email Routing delivers this tenant's mail (admin). */
export async function getInboundAddresses(signal?: AbortSignal): Promise<string[]> {
  return (await api("get", "/admin/inbox/address", { signal })).addresses;
}
