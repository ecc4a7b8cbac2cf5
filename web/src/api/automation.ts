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

/** A run's step: the route types `steps` loosely (unknown[]), so `runSteps` checks each one's shape. */
export interface RunStep {
  action: string;
  type: string;
  status: "done" | "failed" | "skipped" | string;
  at: string;
  result?: unknown;
  error?: string;
}

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

const isStep = (value: unknown): value is RunStep =>
  typeof value === "object" && value !== null && typeof (value as RunStep).action === "string";

/** A run's steps that have the expected shape. */
export function runSteps(run: AutomationRun): RunStep[] {
  return Array.isArray(run.steps) ? run.steps.filter(isStep) : [];
}

/** Where Email Routing delivers this tenant's mail (admin). */
export async function getInboundAddresses(signal?: AbortSignal): Promise<string[]> {
  return (await api("get", "/admin/inbox/address", { signal })).addresses;
}
