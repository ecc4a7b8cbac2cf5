// Background jobs (CSV imports the tenant's object runs chunk by chunk; README "E-mail and import jobs").
import { apiRaw } from "./client";
import { api, type ApiResponse, type Schemas } from "./typed";

export type Job = Schemas["Job"];

export async function listJobs(signal?: AbortSignal): Promise<Job[]> {
  return (await api("get", "/crm/jobs", { query: { limit: 50 }, signal })).items;
}

export async function startImportJob(entity: string, file: Blob, dryRun: boolean): Promise<Job> {
  const response = await apiRaw(`/crm/${encodeURIComponent(entity)}/import-jobs`, {
    method: "POST",
    query: { dryRun: dryRun ? "true" : undefined },
    body: file,
    contentType: "text/csv",
    accept: "application/json",
  });
  return ((await response.json()) as ApiResponse<"/crm/{entity}/import-jobs", "post">).job;
}

export function cancelJob(id: string): Promise<Job> {
  return api("post", "/crm/jobs/{id}/cancel", { path: { id } });
}

export async function jobErrorReport(id: string): Promise<Blob> {
  return (await apiRaw(`/crm/jobs/${encodeURIComponent(id)}/errors.csv`, { accept: "text/csv" })).blob();
}

export const isActive = (job: Job) => job.state === "queued" || job.state === "running";
