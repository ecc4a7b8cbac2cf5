// Sandboxes (POST/GET /admin/sandboxes …): a copy of the tenant's config to try changes in,
// promoted into production as one publish.
import { apiRequest } from "./client";
import type { ItemDiff, PublishResult } from "./studio";
import type { Role, Tenant } from "./types";

export interface Sandbox {
  id: string;
  slug: string;
  name: string;
  sandboxOf: string;
  allowEgress: boolean;
  createdAt: string;
}

type Ref = { namespace: string; entity: string; key: string };

export interface PromotionPreview {
  valid: boolean;
  version: number;
  changes: ItemDiff[];
  errors: { path: string; message: string }[];
  conflicts: Ref[];
}

export interface SandboxSession {
  token: string;
  tenant: Tenant;
  role: Role;
}

export async function listSandboxes(signal?: AbortSignal): Promise<{ sandboxes: Sandbox[]; production: Pick<Tenant, "id" | "slug" | "name"> | null }> {
  return apiRequest("/admin/sandboxes", { signal });
}

export async function createSandbox(name: string): Promise<Sandbox> {
  return (await apiRequest<{ sandbox: Sandbox }>("/admin/sandboxes", { method: "POST", body: { name } })).sandbox;
}

export function setSandboxEgress(id: string, allowEgress: boolean): Promise<Sandbox> {
  return apiRequest(`/admin/sandboxes/${encodeURIComponent(id)}`, { method: "PATCH", body: { allowEgress } });
}

export function previewPromotion(id: string, signal?: AbortSignal): Promise<PromotionPreview> {
  return apiRequest(`/admin/sandboxes/${encodeURIComponent(id)}/promote`, { method: "POST", query: { dryRun: "true" }, body: {}, signal });
}

export function promoteSandbox(id: string, input: { message?: string; expectedVersion?: number }): Promise<PublishResult & { conflicts: Ref[] }> {
  return apiRequest(`/admin/sandboxes/${encodeURIComponent(id)}/promote`, { method: "POST", body: input });
}

export function sandboxSession(id: string): Promise<SandboxSession> {
  return apiRequest(`/admin/sandboxes/${encodeURIComponent(id)}/session`, { method: "POST" });
}

export function productionSession(): Promise<SandboxSession> {
  return apiRequest("/admin/sandbox/production-session", { method: "POST" });
}
