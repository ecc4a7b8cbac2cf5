import { api, type Schemas } from "./typed";

/** GET /api/crm/:entity/:id/briefing — written only from what the caller may read. */
export type Briefing = Schemas["Briefing"];

export function getBriefing(entity: string, id: string, signal?: AbortSignal): Promise<Briefing> {
  return api("get", "/crm/{entity}/{id}/briefing", { path: { entity, id }, signal });
}
