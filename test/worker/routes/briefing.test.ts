import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseForm, customerForm } from "../../../worker/shared/config/starter-forms";
import { api, tenantD1, makeMember, makeTenant, publishConfig, type Session } from "../helpers";

const DAY = 86_400_000;
const message = (over: Record<string, unknown>) => ({
  channel: "email",
  externalId: crypto.randomUUID(),
  from: { email: "jane@customer.test", name: "Jane Doe" },
  subject: "Printer broken",
  body: "It jams.",
  ...over,
});
const briefingOf = (s: Session, entity: string, id: string) =>
  api("GET", `/crm/${entity}/${id}/briefing`, { token: s.token });
const kinds = (b: { signals: { kind: string }[] }) => b.signals.map((s) => s.kind).sort();

async function withSecrets(admin: Session) {
  const cases = caseForm();
  cases.fields.push({ name: "internalNote", label: "Internal note", type: "textarea", access: { read: "manager" } });
  const customers = customerForm();
  customers.fields.push({ name: "margin", label: "Margin", type: "number", access: { read: "manager" } });
  const res = await publishConfig(admin, [
    { ns: "form", entity: "cases", key: "default", config: cases },
    { ns: "form", entity: "customers", key: "default", config: customers },
  ]);
  expect(res.status).toBe(200);
}

describe("smart briefing", () => {
  it("never includes a field visible to managers only", { timeout: 30_000 }, async () => {
    const admin = await makeTenant();
    await withSecrets(admin);
    const agent = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const ingested = await api("POST", "/crm/inbox/messages", {
      token: admin.token,
      body: message({ body: "The printer is broken again, I am frustrated." }),
    });
    expect(ingested.status).toBe(201);
    const caseId = ingested.body.case.id;
    const customerId = ingested.body.customer.id;
    expect(
      (
        await api("PATCH", `/crm/cases/${caseId}`, {
          token: admin.token,
          body: { internalNote: "ZEBRA-SECRET-NOTE", assignee: agent.userId, priority: "urgent" },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api("PATCH", `/crm/customers/${customerId}`, { token: admin.token, body: { margin: 424242 } })).status,
    ).toBe(200);

    for (const [entity, id] of [
      ["cases", caseId],
      ["customers", customerId],
    ] as const) {
      const agents = await briefingOf(agent, entity, id);
      expect(agents.status).toBe(200);
      expect(agents.body).toMatchObject({ source: "built-in", sentiment: "negative" });
      const text = JSON.stringify(agents.body);
      expect(text).not.toMatch(/ZEBRA|internalNote|Internal note|424242|margin/i);
    }
    const managers = await briefingOf(manager, "cases", caseId);
    expect(JSON.stringify(managers.body)).toContain("ZEBRA-SECRET-NOTE");
  });

  it("computes the built-in signals on a seeded set of records", { timeout: 30_000 }, async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const now = Date.now();
    // An unhappy customer nobody answered, with an overdue task.
    const angry = (
      await api("POST", "/crm/inbox/messages", {
        token: admin.token,
        body: message({
          subject: "Still broken",
          body: "This is terrible. It is still broken and I am not happy at all.",
        }),
      })
    ).body.case.id;
    await api("POST", "/crm/activities", {
      token: agent.token,
      body: { title: "Send a replacement", entity: "cases", recordId: angry, dueAt: new Date(now - DAY).toISOString() },
    });
    await api("POST", "/crm/activities", {
      token: agent.token,
      body: {
        title: "Check the delivery",
        entity: "cases",
        recordId: angry,
        dueAt: new Date(now + 3 * DAY).toISOString(),
      },
    });
    // A pleased customer whose message was followed by a logged call: answered.
    const happy = (
      await api("POST", "/crm/inbox/messages", {
        token: admin.token,
        body: message({
          from: { email: "bob@customer.test", name: "Bob" },
          subject: "Thanks",
          body: "Thank you, it works great now!",
        }),
      })
    ).body.case.id;
    await api("POST", "/crm/activities", {
      token: agent.token,
      body: { title: "Called Bob back", type: "call", entity: "cases", recordId: happy },
    });
    // A deal untouched for a month, and a fresh one.
    const stale = (await api("POST", "/crm/deals", { token: admin.token, body: { name: "Old deal", amount: 1000 } }))
      .body;
    const fresh = (await api("POST", "/crm/deals", { token: admin.token, body: { name: "New deal", amount: 2000 } }))
      .body;
    expect(stale.status).toBe("lead");
    await (await tenantD1(admin.tenantId))
      .prepare("UPDATE records SET created_at = ? WHERE id = ?")
      .bind(now - 30 * DAY, stale.id)
      .run();
    await (await tenantD1(admin.tenantId))
      .prepare("UPDATE audit_log SET at = ? WHERE target_id = ?")
      .bind(now - 30 * DAY, stale.id)
      .run();

    const a = (await briefingOf(admin, "cases", angry)).body;
    expect(kinds(a)).toEqual(expect.arrayContaining(["overdue_tasks", "unanswered_message"]));
    expect(a.signals.find((s: { kind: string }) => s.kind === "overdue_tasks")).toMatchObject({
      count: 1,
      titles: ["Send a replacement"],
    });
    expect(a.signals.find((s: { kind: string }) => s.kind === "unanswered_message")).toMatchObject({
      from: "Jane Doe <jane@customer.test>",
      subject: "Still broken",
    });
    expect(a.sentiment).toBe("negative");
    expect(a.risks).toEqual(expect.arrayContaining(["1 overdue task", "The customer sounds unhappy"]));
    expect(a.nextSteps.join(" ")).toContain("Reply to Jane Doe");
    expect(a.talkingPoints.join(" ")).toContain("Check the delivery");

    const h = (await briefingOf(admin, "cases", happy)).body;
    expect(kinds(h)).not.toContain("unanswered_message");
    expect(kinds(h)).not.toContain("overdue_tasks");
    expect(h.sentiment).toBe("positive");

    const s = (await briefingOf(admin, "deals", stale.id)).body;
    expect(s.signals).toEqual([expect.objectContaining({ kind: "stale_stage", step: "Lead", days: 30 })]);
    expect(s.summary).toContain("is Lead (for 30 days)");
    expect((await briefingOf(admin, "deals", fresh.id)).body.signals).toEqual([]);
    expect((await briefingOf(admin, "deals", fresh.id)).body.sentiment).toBe("neutral");
  });

  it("is cached per record version and says which source wrote it when", async () => {
    const admin = await makeTenant();
    const deal = (await api("POST", "/crm/deals", { token: admin.token, body: { name: "Cached deal", amount: 10 } }))
      .body;
    const first = await briefingOf(admin, "deals", deal.id);
    expect(first.body).toMatchObject({ source: "built-in", version: 1 });
    expect(Date.parse(first.body.generatedAt)).not.toBeNaN();
    const again = await briefingOf(admin, "deals", deal.id);
    expect(again.body.generatedAt).toBe(first.body.generatedAt);
    await api("PATCH", `/crm/deals/${deal.id}`, { token: admin.token, body: { amount: 20 } });
    const changed = await briefingOf(admin, "deals", deal.id);
    expect(changed.body.version).toBe(2);
  });

  it("is 404 for another tenant's record and 401 without a token", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const theirs = (await api("POST", "/crm/deals", { token: b.token, body: { name: "B's", amount: 1 } })).body.id;
    expect((await briefingOf(a, "deals", theirs)).status).toBe(404);
    expect((await api("GET", `/crm/deals/${theirs}/briefing`)).status).toBe(401);
  });
});
