// The automation log for admins: runs with their steps, and the email outbox.
import { apiRequest } from "./client";

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "skipped"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunStep {
  action: string;
  type: string;
  status: "done" | "failed" | "skipped" | string;
  at: string;
  result?: unknown;
  error?: string;
}

export interface AutomationRun {
  id: string;
  automation: string;
  entity: string;
  trigger: string;
  status: RunStatus;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  error?: string;
  configVersion?: number;
  depth?: number;
  /** Loosely typed on the wire: read through `runSteps`. */
  steps: unknown[];
}

export interface RunFilter {
  automation?: string;
  status?: RunStatus | "";
  limit?: number;
}

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  provider: string | null;
  entity: string | null;
  recordId: string | null;
  createdAt: string;
}

export async function listRuns(filter: RunFilter = {}, signal?: AbortSignal): Promise<AutomationRun[]> {
  const { items } = await apiRequest<{ items: AutomationRun[] }>("/admin/automation/runs", { query: { ...filter }, signal });
  return Array.isArray(items) ? items : [];
}

export async function listEmails(query: { recordId?: string; limit?: number } = {}, signal?: AbortSignal): Promise<OutgoingEmail[]> {
  const { items } = await apiRequest<{ items: OutgoingEmail[] }>("/admin/automation/emails", { query: { ...query }, signal });
  return Array.isArray(items) ? items : [];
}

const isStep = (value: unknown): value is RunStep =>
  typeof value === "object" && value !== null && typeof (value as RunStep).action === "string";

/** A run's steps that have the expected shape. */
export function runSteps(run: AutomationRun): RunStep[] {
  return Array.isArray(run.steps) ? run.steps.filter(isStep) : [];
}

/** Where Email Routing delivers this tenant's mail (admin). */
export async function getInboundAddresses(signal?: AbortSignal): Promise<string[]> {
  const { addresses } = await apiRequest<{ addresses: string[] }>("/admin/inbox/address", { signal });
  return Array.isArray(addresses) ? addresses : [];
}
