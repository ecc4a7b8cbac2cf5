// A record's 360° view: the records that point at it, and one timeline of what happened to it.
import { api, type ApiResponse, type Schemas } from "./typed";

export type RelatedGroup = Schemas["RelatedGroup"];
export type TimelineEntry = Schemas["TimelineEntry"];
export type TimelineKind = TimelineEntry["kind"];
export type TimelinePage = ApiResponse<"/crm/{entity}/{id}/timeline">;

export async function getRelated(entity: string, id: string, signal?: AbortSignal): Promise<RelatedGroup[]> {
  return (await api("get", "/crm/{entity}/{id}/related", { path: { entity, id }, signal })).groups;
}

export async function getTimeline(
  entity: string,
  id: string,
  query: { cursor?: string | null; limit?: number; kinds?: readonly TimelineKind[] } = {},
  signal?: AbortSignal,
): Promise<TimelinePage> {
  return api("get", "/crm/{entity}/{id}/timeline", {
    path: { entity, id },
    query: { cursor: query.cursor, limit: query.limit, kinds: query.kinds?.length ? query.kinds.join(",") : undefined },
    signal,
  });
}
