// Sandboxes (POST/GET /admin/sandboxes …): a copy of the tenant's config to try changes in,
// promoted into production as one publish.
import { api, type ApiResponse, type Schemas } from "./typed";

export type Sandbox = Schemas["Sandbox"];
export type Promotion = Schemas["SandboxPromotion"];
/** A dry run always carries `valid`, `changes` and `errors`. */
export type PromotionPreview = Promotion & Required<Pick<Promotion, "valid" | "changes" | "errors">>;
export type SandboxSession = Schemas["SandboxSession"];
export type SandboxList = ApiResponse<"/admin/sandboxes">;

export function listSandboxes(signal?: AbortSignal): Promise<SandboxList> {
  return api("get", "/admin/sandboxes", { signal });
}

export async function createSandbox(name: string): Promise<Sandbox> {
  return (await api("post", "/admin/sandboxes", { body: { name } })).sandbox;
}

export function setSandboxEgress(id: string, allowEgress: boolean): Promise<Sandbox> {
  return api("patch", "/admin/sandboxes/{id}", { path: { id }, body: { allowEgress } });
}

export async function previewPromotion(id: string, signal?: AbortSignal): Promise<PromotionPreview> {
  const dry = await api("post", "/admin/sandboxes/{id}/promote", {
    path: { id },
    query: { dryRun: "true" },
    body: {},
    signal,
  });
  return { ...dry, valid: dry.valid ?? false, changes: dry.changes ?? [], errors: dry.errors ?? [] };
}

export function promoteSandbox(id: string, input: { message?: string; expectedVersion?: number }): Promise<Promotion> {
  return api("post", "/admin/sandboxes/{id}/promote", { path: { id }, body: input });
}

export function sandboxSession(id: string): Promise<SandboxSession> {
  return api("post", "/admin/sandboxes/{id}/session", { path: { id } });
}

export function productionSession(): Promise<SandboxSession> {
  return api("post", "/admin/sandbox/production-session");
}
