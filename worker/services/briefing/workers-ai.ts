import { z } from "zod";
import type { BriefingBody } from "./analyst";
import type { Evidence } from "./evidence";

// The Workers AI provider: the same caller-visible evidence, written up by a model. Used only
// when the Worker has an `AI` binding; routed through AI Gateway when AI_GATEWAY_ID is set.

export const DEFAULT_MODEL = "@cf/meta/llama-3.1-8b-instruct";

/** The part of the AI binding this provider uses (so a test can hand in a stand-in). */
export type AiRunner = {
  run: (model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>) => Promise<unknown>;
};

const Reply = z.object({
  summary: z.string().min(1).max(2000),
  nextSteps: z.array(z.string().max(500)).max(10).default([]),
  talkingPoints: z.array(z.string().max(500)).max(10).default([]),
  sentiment: z.enum(["positive", "neutral", "negative"]).catch("neutral"),
  risks: z.array(z.string().max(500)).max(10).default([]),
});

const SYSTEM = [
  "You are a CRM analyst writing a short briefing for the person about to work on this record.",
  "Use only the JSON evidence given; never invent facts. Signals computed by the CRM are included: keep them.",
  'Answer with one JSON object only: {"summary": string, "nextSteps": string[], "talkingPoints": string[], ' +
    '"sentiment": "positive"|"neutral"|"negative", "risks": string[]}.',
].join(" ");

/** The prompt's evidence: trimmed to what helps, nothing the caller could not read. */
export function promptOf(ev: Evidence, signals: unknown[]): string {
  const compact = {
    entity: ev.entityTitle,
    title: ev.title,
    step: ev.step,
    fields: ev.fields,
    references: ev.references.map((r) => ({ entity: r.entity, title: r.title, data: r.data })),
    recentHistory: ev.history.slice(-10),
    activities: ev.activities.slice(0, 20),
    messages: ev.messages.slice(0, 8),
    sla: ev.sla,
    approvals: ev.approvals,
    signals,
  };
  return JSON.stringify(compact);
}

function parseReply(raw: unknown): BriefingBody | null {
  const text =
    typeof raw === "string"
      ? raw
      : typeof (raw as { response?: unknown })?.response === "string"
        ? (raw as { response: string }).response
        : (raw as { response?: unknown })?.response;
  const json = typeof text === "string" ? text.replace(/^[^{]*/, "").replace(/[^}]*$/, "") : text;
  try {
    const parsed = Reply.safeParse(typeof json === "string" ? JSON.parse(json) : json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type AiOptions = { model?: string; gatewayId?: string };

/** The model's briefing, or null when it fails or answers something unusable (the caller falls back). */
export async function workersAiBriefing(
  ai: AiRunner,
  ev: Evidence,
  signals: unknown[],
  opts: AiOptions = {},
): Promise<BriefingBody | null> {
  try {
    const raw = await ai.run(
      opts.model ?? DEFAULT_MODEL,
      {
        messages: [
          { role: "system", content: SYSTEM },
          { role: "user", content: promptOf(ev, signals) },
        ],
        max_tokens: 800,
        temperature: 0.2,
      },
      opts.gatewayId ? { gateway: { id: opts.gatewayId } } : undefined,
    );
    return parseReply(raw);
  } catch (error) {
    console.warn("workers-ai briefing failed", error);
    return null;
  }
}
