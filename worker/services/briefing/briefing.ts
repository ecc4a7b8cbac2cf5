import type { EntityContext } from "../records/entity";
import type { RecordRow } from "../records/read";
import { builtInBriefing, type BriefingBody, type Signal } from "./analyst";
import { gatherEvidence, type EvidenceDeps } from "./evidence";
import { workersAiBriefing, type AiRunner } from "./workers-ai";

export type Briefing = BriefingBody & {
  source: "workers-ai" | "built-in";
  generatedAt: string;
  version: number;
  signals: Signal[];
};

// Cached per record version and per evidence (which is already cut to what the caller may read,
// so two roles that see different things never share an entry). Time-based signals (SLA at
// risk, stale steps, overdue tasks) move on without a new version, hence the short lifetime of
// built-in entries; a model's answer is kept longer because it costs.
const BUILT_IN_TTL_S = 300;
const AI_TTL_S = 24 * 3600;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, 32);
}

/** The AI binding when the deployment has one (it is optional: never needed locally or in tests). */
function aiOf(env: Env): AiRunner | undefined {
  const ai = (env as { AI?: AiRunner }).AI;
  return ai && typeof ai.run === "function" ? ai : undefined;
}

export async function recordBriefing(
  deps: EvidenceDeps,
  ctx: EntityContext,
  row: RecordRow,
  now = Date.now(),
): Promise<Briefing> {
  const evidence = await gatherEvidence(deps, ctx, row);
  const ai = aiOf(deps.env);
  const key =
    `briefing:${deps.principal.tenantId}:${ctx.entity}:${row.id}:v${row.version}:${deps.principal.role}:` +
    `${ai ? "ai" : "bi"}:${await sha256(JSON.stringify(evidence))}`;
  const cached = await deps.env.SNAPSHOTS.get<Briefing>(key, "json").catch(() => null);
  if (cached) return cached;

  const built = builtInBriefing(evidence, now);
  const written = ai
    ? await workersAiBriefing(ai, evidence, built.signals, {
        model: deps.env.AI_MODEL,
        gatewayId: deps.env.AI_GATEWAY_ID,
      })
    : null;
  const briefing: Briefing = {
    ...(written ?? built),
    signals: built.signals,
    source: written ? "workers-ai" : "built-in",
    generatedAt: new Date(now).toISOString(),
    version: row.version,
  };
  deps.waitUntil(
    deps.env.SNAPSHOTS.put(key, JSON.stringify(briefing), { expirationTtl: written ? AI_TTL_S : BUILT_IN_TTL_S }).catch(
      () => undefined,
    ),
  );
  return briefing;
}
