import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TenantDb } from "../../../worker/db/tenant-db";
import { builtInBriefing, computeSignals } from "../../../worker/services/briefing/analyst";
import { recordBriefing } from "../../../worker/services/briefing/briefing";
import type { Evidence } from "../../../worker/services/briefing/evidence";
import { sentimentOf } from "../../../worker/services/briefing/sentiment";
import { loadEntity } from "../../../worker/services/records/entity";
import { getRecordRow } from "../../../worker/services/records/read";
import { customerForm } from "../../../worker/shared/config/starter-forms";
import type { SlaTimerView } from "../../../worker/shared/sla-timer";
import { api, tenantDbOf, makeMember, makeTenant, publishConfig } from "../helpers";

const NOW = Date.parse("2026-06-10T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    entity: "cases",
    entityTitle: "Case",
    title: "Printer",
    record: {
      id: "rec_1",
      entity: "cases",
      data: {},
      version: 1,
      createdAt: iso(NOW),
      updatedAt: iso(NOW),
      createdBy: null,
      updatedBy: null,
      ownerId: null,
    },
    fields: [],
    references: [],
    history: [],
    activities: [],
    messages: [],
    sla: [],
    approvals: [],
    ...over,
  };
}

const timer = (over: Partial<SlaTimerView>): SlaTimerView => ({
  recordId: "rec_1",
  policy: "p",
  metric: "firstResponse",
  state: "running",
  startedAt: iso(NOW - 5 * HOUR),
  dueAt: iso(NOW + HOUR),
  pausedMs: 0,
  ...over,
});

describe("built-in analyst", () => {
  it("flags SLA timers past their warning as at risk and past their due time as breached", () => {
    const signals = computeSignals(
      evidence({
        sla: [
          timer({ metric: "firstResponse", warnAt: iso(NOW - HOUR) }),
          timer({ metric: "resolution", dueAt: iso(NOW - 1) }),
          timer({ metric: "update", state: "breached", dueAt: iso(NOW - 9 * HOUR) }),
          timer({ metric: "calm", warnAt: iso(NOW + HOUR / 2) }),
          timer({ metric: "done", state: "met", dueAt: iso(NOW - HOUR) }),
        ],
      }),
      NOW,
    );
    expect(signals).toEqual([
      { kind: "sla_at_risk", metric: "firstResponse", dueAt: iso(NOW + HOUR) },
      { kind: "sla_breached", metric: "resolution", dueAt: iso(NOW - 1) },
      { kind: "sla_breached", metric: "update", dueAt: iso(NOW - 9 * HOUR) },
    ]);
  });

  it("flags an open step unchanged for 14 days, not a closed one", () => {
    const since = iso(NOW - 15 * 86_400_000);
    expect(computeSignals(evidence({ step: { key: "lead", label: "Lead", category: "open", since } }), NOW)).toEqual([
      { kind: "stale_stage", step: "Lead", days: 15 },
    ]);
    expect(computeSignals(evidence({ step: { key: "won", label: "Won", category: "won", since } }), NOW)).toEqual([]);
    expect(
      computeSignals(
        evidence({ step: { key: "lead", label: "Lead", category: "open", since: iso(NOW - 13 * 86_400_000) } }),
        NOW,
      ),
    ).toEqual([]);
  });

  it("counts a message unanswered until a member acts on the record after it", () => {
    const messages = [
      { direction: "in" as const, from: "Jane", subject: "Help", body: "Help!", at: iso(NOW - 3 * HOUR) },
    ];
    const inboxRow = {
      at: iso(NOW - 3 * HOUR),
      actor: { id: "inbox", name: null },
      action: "inbox.message",
      details: {},
    };
    expect(computeSignals(evidence({ messages, history: [inboxRow] }), NOW)).toEqual([
      { kind: "unanswered_message", from: "Jane", subject: "Help", at: messages[0]!.at, hours: 3 },
    ]);
    const reply = { at: iso(NOW - HOUR), actor: { id: "usr_1", name: "Al" }, action: "record.updated", changes: {} };
    expect(computeSignals(evidence({ messages, history: [inboxRow, reply] }), NOW)).toEqual([]);
    const answered = [
      { direction: "out" as const, from: "support", subject: "Re: Help", body: "On it", at: iso(NOW - HOUR) },
      ...messages,
    ];
    expect(computeSignals(evidence({ messages: answered, history: [inboxRow] }), NOW)).toEqual([]);
  });

  it("scores sentiment with negation, newest messages weighing most", () => {
    expect(sentimentOf(["Thanks, that works great"]).sentiment).toBe("positive");
    expect(sentimentOf(["I am not happy, this is broken"]).sentiment).toBe("negative");
    expect(sentimentOf(["Please send the invoice"]).sentiment).toBe("neutral");
    expect(sentimentOf(["Thank you, all fixed!", "Terrible, broken again"]).sentiment).toBe("positive");
    expect(builtInBriefing(evidence(), NOW)).toMatchObject({ sentiment: "neutral", signals: [], risks: [] });
  });
});

describe("Workers AI provider", () => {
  it("sends only what the caller may read, source workers-ai; falls back to built-in if the model fails", async () => {
    const admin = await makeTenant();
    const form = customerForm();
    form.fields.push({ name: "margin", label: "Margin", type: "number", access: { read: "manager" } });
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: form }])).status,
    ).toBe(200);
    const agent = await makeMember(admin, "agent");
    const id = (
      await api("POST", "/crm/customers", { token: admin.token, body: { name: "Secretive Ltd", margin: 777111 } })
    ).body.id;

    const prompts: string[] = [];
    const ai = {
      run: async (_model: string, inputs: Record<string, unknown>) => {
        prompts.push(JSON.stringify(inputs));
        return {
          response:
            '```json\n{"summary":"A quiet customer.",' +
            '"nextSteps":["Say hello"],"talkingPoints":[],"sentiment":"positive","risks":[]}\n```',
        };
      },
    };
    const principal = { userId: agent.userId, tenantId: admin.tenantId, role: "agent" as const, sessionId: "" };
    const tdb = await tenantDbOf(admin.tenantId);
    const ctx = await loadEntity(env, admin.tenantId, "customers");
    const row = await getRecordRow(tdb, ctx, principal, id);
    const deps = { env: { ...env, AI: ai } as Env, tdb, principal, waitUntil: () => undefined };
    const written = await recordBriefing(deps, ctx, row);
    expect(written).toMatchObject({
      source: "workers-ai",
      summary: "A quiet customer.",
      nextSteps: ["Say hello"],
      sentiment: "positive",
      version: 1,
    });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("Secretive Ltd");
    expect(prompts[0]).not.toMatch(/777111|margin/i);

    const broken = {
      run: async () => {
        throw new Error("model unavailable");
      },
    };
    const other = (await api("POST", "/crm/customers", { token: admin.token, body: { name: "Other Ltd" } })).body.id;
    const fallback = await recordBriefing(
      { ...deps, env: { ...env, AI: broken } as Env },
      ctx,
      await getRecordRow(tdb, ctx, principal, other),
    );
    expect(fallback.source).toBe("built-in");
  });
});
