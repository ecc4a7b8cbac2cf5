// A record's 360° view: the records that point at it, and one timeline of what happened to it.
import { apiRequest } from "./client";
import type { CrmRecord } from "./types";

export interface RelatedGroup {
  entity: string;
  /** The reference field of `entity` that points at this record. */
  field: string;
  title: string;
  /** Fields to show, readable by the caller. */
  columns: string[];
  total: number;
  items: CrmRecord[];
}

export const TIMELINE_KINDS = ["history", "activity", "message", "email", "sla", "approval"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  id: string;
  at: string;
  kind: TimelineKind;
  summary: string;
  actor?: { id: string | null; name: string; kind: "member" | "automation" | "system" };
  data?: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineEntry[];
  nextCursor: string | null;
}

const one = (entity: string, id: string) => `/crm/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

export async function getRelated(entity: string, id: string, signal?: AbortSignal): Promise<RelatedGroup[]> {
  const { groups } = await apiRequest<{ groups: RelatedGroup[] }>(`${one(entity, id)}/related`, { signal });
  return Array.isArray(groups) ? groups : [];
}

export async function getTimeline(
  entity: string, id: string, query: { cursor?: string | null; limit?: number; kinds?: readonly TimelineKind[] } = {}, signal?: AbortSignal,
): Promise<TimelinePage> {
  const page = await apiRequest<TimelinePage>(`${one(entity, id)}/timeline`, {
    query: { cursor: query.cursor, limit: query.limit, kinds: query.kinds?.length ? query.kinds.join(",") : undefined },
    signal,
  });
  return { items: Array.isArray(page?.items) ? page.items : [], nextCursor: page?.nextCursor ?? null };
}
