// Background jobs (CSV imports the tenant's object runs chunk by chunk; README "E-mail and import jobs").
import type { JobSnapshot } from "@shared/protocol";
import { apiRaw, apiRequest } from "./client";

export type Job = JobSnapshot;

export async function listJobs(signal?: AbortSignal): Promise<Job[]> {
  const { items } = await apiRequest<{ items: Job[] }>("/crm/jobs", { query: { limit: 50 }, signal });
  return Array.isArray(items) ? items : [];
}

export async function startImportJob(entity: string, file: Blob, dryRun: boolean): Promise<Job> {
  const response = await apiRaw(`/crm/${encodeURIComponent(entity)}/import-jobs`, {
    method: "POST", query: { dryRun: dryRun ? "true" : undefined }, body: file, contentType: "text/csv", accept: "application/json",
  });
  return ((await response.json()) as { job: Job }).job;
}

export function cancelJob(id: string): Promise<Job> {
  return apiRequest<Job>(`/crm/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST" });
}

export async function jobErrorReport(id: string): Promise<Blob> {
  return (await apiRaw(`/crm/jobs/${encodeURIComponent(id)}/errors.csv`, { accept: "text/csv" })).blob();
}

export const isActive = (job: Job) => job.state === "queued" || job.state === "running";
