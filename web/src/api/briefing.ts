import { apiRequest } from "./client";

/** GET /api/crm/:entity/:id/briefing — written only from what the caller may read. */
export interface Briefing {
  summary: string;
  nextSteps: string[];
  talkingPoints: string[];
  sentiment: "positive" | "neutral" | "negative";
  risks: string[];
  source: "workers-ai" | "built-in";
  generatedAt: string;
  version: number;
}

export function getBriefing(entity: string, id: string, signal?: AbortSignal): Promise<Briefing> {
  return apiRequest<Briefing>(`/crm/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/briefing`, { signal });
}
