import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import {
  api,
  tenantD1,
  eventually,
  makeMember,
  makeTenant,
  openSocket,
  publishConfig,
  runsOf,
  type Session,
} from "../helpers";

type Item = { ns: string; entity: string; key: string; config: unknown };
const item = (ns: string, entity: string, key: string, config: unknown): Item => ({ ns, entity, key, config });
const hub = (s: Session) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(s.tenantId));

async function setup(items: Item[], secrets: Record<string, string> = {}) {
  const admin = await makeTenant();
  for (const [name, value] of Object.entries(secrets))
    await api("PUT", `/admin/secrets/${name}`, { token: admin.token, body: { value } });
  const res = await publishConfig(admin, items);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return admin;
}

const settled = (admin: Session, n = 1, query = "") =>
  eventually(
    async () => {
      const runs = await runsOf(admin, query);
      return runs.length >= n && runs.every((r) => ["succeeded", "failed", "skipped"].includes(r.status))
        ? runs
        : undefined;
    },
    5000,
    "runs to settle",
  );

afterEach(() => vi.restoreAllMocks());

async function sign(secret: string, body: string) {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

describe("record triggers", () => {
  it("a create trigger runs its automation once, with templates filled in", async () => {
    const admin = await setup([
      item("trigger", "customers", "created", { on: "create" }),
      item("action", "customers", "welcome", {
        type: "create_activity",
        title: "Welcome {{record.name}}",
        assignee: "$owner",
        dueIn: "2d",
      }),
      item("automation", "customers", "welcome", { trigger: "created", actions: ["welcome"] }),
    ]);
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const [run] = await settled(admin);
    expect(run).toMatchObject({
      automation: "welcome",
      trigger: "created",
      status: "succeeded",
      attempts: 1,
      steps: [{ action: "welcome", status: "done" }],
    });
    const acts = await api("GET", `/crm/activities?recordId=${c.body.id}`, { token: admin.token });
    expect(acts.body.items).toEqual([
      expect.objectContaining({ title: "Welcome Acme", assigneeId: admin.userId, system: true, status: "open" }),
    ]);
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { company: "x" } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await runsOf(admin)).toHaveLength(1);
  });

  it("an update trigger with changedTo fires only on that change; conditions gate runs", async () => {
    const admin = await setup([
      item("trigger", "deals", "won", { on: "update", when: { field: "status", op: "changedTo", value: "won" } }),
      item("condition", "deals", "big", { field: "amount", op: "gte", value: 1000 }),
      item("action", "deals", "note", {
        type: "update_record",
        set: { notes: "Won by {{actor.name}} for {{record.amount}}" },
      }),
      item("automation", "deals", "celebrate", { trigger: "won", conditions: ["big"], actions: ["note"] }),
    ]);
    const move = (id: string, ...steps: string[]) =>
      steps.reduce(
        (p, to) => p.then(() => api("POST", `/crm/deals/${id}/transition`, { token: admin.token, body: { to } })),
        Promise.resolve() as Promise<unknown>,
      );
    const big = await api("POST", "/crm/deals", { token: admin.token, body: { name: "Big", amount: 5000 } });
    const small = await api("POST", "/crm/deals", { token: admin.token, body: { name: "Small", amount: 10 } });
    await move(big.body.id, "qualified", "proposal", "negotiation", "won");
    await move(small.body.id, "qualified", "proposal", "negotiation", "won");
    await settled(admin);
    await new Promise((r) => setTimeout(r, 200));
    const runs = await runsOf(admin);
    expect(runs).toHaveLength(1);
    expect((await api("GET", `/crm/deals/${big.body.id}`, { token: admin.token })).body.data.notes).toBe(
      "Won by Admin for 5000",
    );
    expect((await api("GET", `/crm/deals/${small.body.id}`, { token: admin.token })).body.data.notes).toBeUndefined();
  });

  it("a delete trigger fires on soft delete", async () => {
    const admin = await setup([
      item("trigger", "customers", "gone", { on: "delete" }),
      item("action", "customers", "tell", {
        type: "create_activity",
        title: "Lost {{record.name}}",
        assignee: "$owner",
      }),
      item("automation", "customers", "farewell", { trigger: "gone", actions: ["tell"] }),
    ]);
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Gone Ltd" } });
    await api("DELETE", `/crm/customers/${c.body.id}`, { token: admin.token });
    await settled(admin);
    expect(
      (await api("GET", "/crm/activities", { token: admin.token })).body.items.map((a: { title: string }) => a.title),
    ).toEqual(["Lost Gone Ltd"]);
  });
});

describe("actions", () => {
  it("create_record, transition, assign (round robin), send_email and notify", async () => {
    const admin = await setup([
      item("trigger", "cases", "opened", { on: "create" }),
      item("routing", "cases", "agents", { strategy: "round_robin", members: { role: "agent" } }),
      item("action", "cases", "route", { type: "assign", routing: "agents" }),
      item("action", "cases", "start", { type: "transition", to: "open" }),
      item("action", "cases", "mail", {
        type: "send_email",
        to: "support@example.test",
        subject: "New case: {{record.subject}}",
        body: "Priority {{record.priority}}",
      }),
      item("action", "cases", "ping", {
        type: "notify",
        message: "Case {{record.subject}} opened",
        to: { role: "manager" },
      }),
      item("action", "cases", "followup", {
        type: "create_record",
        entity: "deals",
        values: { name: "Upsell after {{record.subject}}" },
      }),
      item("automation", "cases", "intake", {
        trigger: "opened",
        actions: ["route", "start", "mail", "ping", "followup"],
      }),
    ]);
    const a1 = await makeMember(admin, "agent");
    const a2 = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const socket = await openSocket(manager);
    await socket.next((m) => m.type === "hello");
    const first = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Printer" } });
    const second = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Scanner" } });
    const runs = await settled(admin, 2);
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);

    const c1 = (await api("GET", `/crm/cases/${first.body.id}`, { token: admin.token })).body;
    const c2 = (await api("GET", `/crm/cases/${second.body.id}`, { token: admin.token })).body;
    expect(c1.status).toBe("open");
    expect([c1.data.assignee, c2.data.assignee].sort()).toEqual([a1.userId, a2.userId].sort());
    const mails = await api("GET", "/admin/automation/emails", { token: admin.token });
    expect(mails.body.items.map((m: { subject: string }) => m.subject).sort()).toEqual([
      "New case: Printer",
      "New case: Scanner",
    ]);
    expect(mails.body.items[0]).toMatchObject({ to: "support@example.test", status: "stored", provider: "local" });
    expect(await socket.next((m) => m.type === "notify")).toMatchObject({
      message: expect.stringMatching(/^Case (Printer|Scanner) opened$/),
      entity: "cases",
    });
    const deals = await api("GET", "/crm/deals", { token: admin.token });
    expect(deals.body.items.map((d: { data: { name: string } }) => d.data.name).sort()).toEqual([
      "Upsell after Printer",
      "Upsell after Scanner",
    ]);
    socket.close();
  });

  it("webhook actions send a signed request and record the response", async () => {
    const calls: { url: string; headers: Headers; body: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const req = new Request(input as RequestInfo, init);
      if (req.url.startsWith("https://hooks.example.test/")) {
        calls.push({ url: req.url, headers: req.headers, body: await req.text() });
        return new Response("thanks", { status: 200 });
      }
      throw new Error(`unexpected fetch ${req.url}`);
    });
    const admin = await setup(
      [
        item("trigger", "customers", "created", { on: "create" }),
        item("action", "customers", "tell", {
          type: "webhook",
          url: "https://hooks.example.test/new",
          body: { name: "{{record.name}}" },
          secret: { $secret: "HOOK_SECRET" },
        }),
        item("automation", "customers", "tell", { trigger: "created", actions: ["tell"] }),
      ],
      { HOOK_SECRET: "hook-secret" },
    );
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const [run] = await settled(admin);
    expect(run.steps[0]).toMatchObject({ status: "done", result: { status: 200, body: "thanks" } });
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toEqual({ name: "Acme" });
    // Signed with the value behind { $secret: "HOOK_SECRET" }, resolved only for this request.
    expect(calls[0]!.headers.get("x-pulse-signature")).toBe(await sign("hook-secret", calls[0]!.body));
    expect(calls[0]!.headers.get("x-pulse-idempotency-key")).toBe(`${run.id}:0`);
  });
});

describe("durability", () => {
  const failingHook = [
    item("trigger", "customers", "created", { on: "create" }),
    item("action", "customers", "tell", { type: "webhook", url: "https://down.example.test/" }),
    item("automation", "customers", "tell", { trigger: "created", actions: ["tell"] }),
  ];

  it("retries a failing webhook with growing back-off, then marks the run failed", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response("nope", { status: 503 }));
    const admin = await setup(failingHook);
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const first = await eventually(
      async () => (await runsOf(admin)).find((r) => r.attempts === 1 && r.status === "queued"),
      5000,
      "first failure",
    );
    const delay = Date.parse(first.nextAttemptAt) - Date.now();
    expect(delay).toBeGreaterThan(1000);
    expect(first.error).toContain("503");
    const gaps: number[] = [];
    for (let attempt = 2; attempt <= 5; attempt++) {
      // Move the clock forward: make the queued attempt due now, then let the alarm run it.
      await runInDurableObject(hub(admin), (_: TenantHub, state) => {
        const row = state.storage.sql
          .exec<{ next_at: number; created_at: number }>("SELECT next_at, created_at FROM runs")
          .one();
        gaps.push(row.next_at - Date.now());
        state.storage.sql.exec("UPDATE runs SET next_at = ?", Date.now() - 1);
      });
      await runDurableObjectAlarm(hub(admin));
    }
    const [run] = await runsOf(admin);
    expect(run).toMatchObject({ status: "failed", attempts: 5 });
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!); // back-off grows
  });

  it("a run interrupted mid-way completes exactly once after the object restarts", async () => {
    const admin = await setup([
      item("trigger", "customers", "created", { on: "create" }),
      item("action", "customers", "one", {
        type: "create_activity",
        title: "Step one for {{record.name}}",
        assignee: "$owner",
      }),
      item("action", "customers", "two", {
        type: "create_activity",
        title: "Step two for {{record.name}}",
        assignee: "$owner",
      }),
      item("automation", "customers", "two_steps", { trigger: "created", actions: ["one", "two"] }),
    ]);
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    await settled(admin);
    // Rewind the run to how a crash would leave it: running, step one's effect committed but its
    // result never saved, step two not started; and remove step two's effects.
    const acts = (await api("GET", "/crm/activities", { token: admin.token })).body.items as {
      id: string;
      title: string;
    }[];
    const two = acts.find((a) => a.title.startsWith("Step two"))!;
    await (await tenantD1(admin.tenantId)).prepare("DELETE FROM activities WHERE id = ?").bind(two.id).run();
    await (await tenantD1(admin.tenantId))
      .prepare("DELETE FROM automation_effects WHERE tenant_id = ? AND key LIKE '%:1'")
      .bind(admin.tenantId)
      .run();
    await runInDurableObject(hub(admin), (_: TenantHub, state) => {
      state.storage.sql.exec("UPDATE runs SET status = 'running', steps = '[]', finished_at = NULL");
    });
    await evictDurableObject(hub(admin));
    await runInDurableObject(hub(admin), async (_: TenantHub, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(hub(admin));
    const [run] = await runsOf(admin);
    expect(run).toMatchObject({
      status: "succeeded",
      steps: [{ status: "done", result: { alreadyApplied: true } }, { status: "done" }],
    });
    const titles = (await api("GET", "/crm/activities", { token: admin.token })).body.items
      .map((a: { title: string }) => a.title)
      .sort();
    expect(titles).toEqual(["Step one for Acme", "Step two for Acme"]);
  });

  it("a redelivered event queues no second run", async () => {
    const admin = await setup([
      item("trigger", "customers", "created", { on: "create" }),
      item("action", "customers", "welcome", { type: "create_activity", title: "Hi", assignee: "$owner" }),
      item("automation", "customers", "welcome", { trigger: "created", actions: ["welcome"] }),
    ]);
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    await settled(admin);
    await (await tenantD1(admin.tenantId))
      .prepare("UPDATE events SET processed_at = NULL WHERE tenant_id = ?")
      .bind(admin.tenantId)
      .run();
    await hub(admin).drainEvents();
    await new Promise((r) => setTimeout(r, 200));
    expect(await runsOf(admin)).toHaveLength(1);
    expect((await api("GET", "/crm/activities", { token: admin.token })).body.items).toHaveLength(1);
  });

  it("cuts an automation that re-triggers itself at the depth limit", async () => {
    const admin = await setup([
      item("trigger", "customers", "changed", { on: "update" }),
      item("action", "customers", "touch", { type: "update_record", set: { notes: "{{record.notes}}x" } }),
      item("automation", "customers", "loop", { trigger: "changed", actions: ["touch"] }),
    ]);
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme", notes: "" } });
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { notes: "start" } });
    const runs = await eventually(
      async () => {
        const all = await runsOf(admin);
        return all.some((r) => r.status === "skipped") ? all : undefined;
      },
      12_000,
      "the loop to be cut",
    ).catch(async (e) => {
      console.log(JSON.stringify(await runsOf(admin), null, 1).slice(0, 3000));
      throw e;
    });
    const skipped = runs.find((r) => r.status === "skipped")!;
    expect(skipped.error).toMatch(/Loop cut/);
    expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(5);
    expect((await api("GET", `/crm/customers/${c.body.id}`, { token: admin.token })).body.data.notes).toBe(
      "startxxxxx",
    );
  }, 20_000);
});

describe("webhook and schedule triggers", () => {
  const hookItems = [
    item("trigger", "customers", "inbound", { on: "webhook", secret: { $secret: "INBOUND" } }),
    item("action", "customers", "make", {
      type: "create_record",
      entity: "customers",
      values: { name: "{{trigger.body.name}}" },
    }),
    item("automation", "customers", "intake", { trigger: "inbound", actions: ["make"] }),
  ];

  it("a signed webhook call runs its automation; a redelivery does not run it twice", async () => {
    const admin = await setup(hookItems, { INBOUND: "s3cret" });
    const body = JSON.stringify({ name: "From hook" });
    const headers = {
      "x-pulse-signature": await sign("s3cret", body),
      "content-type": "application/json",
      "x-pulse-delivery": "d-1",
    };
    const res = await api("POST", `/hooks/${admin.slug}/inbound`, { raw: body, headers });
    expect(res.status).toBe(202);
    expect(res.body.runId).toEqual(expect.any(String));
    const again = await api("POST", `/hooks/${admin.slug}/inbound`, { raw: body, headers });
    expect(again.body.runId).toBe(res.body.runId);
    await settled(admin);
    const list = await api("GET", "/crm/customers", { token: admin.token });
    expect(list.body.items.map((c: { data: { name: string } }) => c.data.name)).toEqual(["From hook"]);
  });

  it("a bad or missing signature is 401 and queues nothing; unknown hooks are 404", async () => {
    const admin = await setup(hookItems, { INBOUND: "s3cret" });
    const body = JSON.stringify({ name: "x" });
    expect(
      (
        await api("POST", `/hooks/${admin.slug}/inbound`, {
          raw: body,
          headers: { "x-pulse-signature": await sign("wrong", body) },
        })
      ).status,
    ).toBe(401);
    expect((await api("POST", `/hooks/${admin.slug}/inbound`, { raw: body })).status).toBe(401);
    expect((await api("POST", `/hooks/${admin.slug}/nope`, { raw: body })).status).toBe(404);
    expect((await api("POST", `/hooks/no-such-tenant/inbound`, { raw: body })).status).toBe(404);
    expect(await runsOf(admin)).toEqual([]);
  });

  it("a cron trigger is scheduled in its time zone and fires on the alarm", async () => {
    const admin = await setup([
      item("trigger", "customers", "morning", { on: "schedule", cron: "0 9 * * *", timezone: "Europe/Berlin" }),
      item("action", "customers", "ping", {
        type: "create_activity",
        title: "Morning check {{trigger.body.scheduledFor}}",
        assignee: { role: "admin" },
      }),
      item("automation", "customers", "daily", { trigger: "morning", actions: ["ping"] }),
    ]);
    const nextAt = await runInDurableObject(
      hub(admin),
      (_: TenantHub, state) =>
        state.storage.sql.exec<{ next_at: number }>("SELECT next_at FROM schedules").one().next_at,
    );
    const berlin = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(nextAt);
    expect(berlin).toBe("09:00");
    expect(nextAt).toBeGreaterThan(Date.now());
    expect(nextAt - Date.now()).toBeLessThanOrEqual(24 * 3600_000 + 3600_000);
    await runInDurableObject(hub(admin), async (_: TenantHub, state) => {
      state.storage.sql.exec("UPDATE schedules SET next_at = ?", Date.now() - 1000);
      await state.storage.setAlarm(Date.now());
    });
    await runDurableObjectAlarm(hub(admin));
    const runs = await settled(admin);
    expect(runs[0]).toMatchObject({ trigger: "morning", status: "succeeded" });
    const after = await runInDurableObject(
      hub(admin),
      (_: TenantHub, state) =>
        state.storage.sql.exec<{ next_at: number }>("SELECT next_at FROM schedules").one().next_at,
    );
    expect(after).toBeGreaterThan(Date.now());
  });
});

describe("SLA and approval triggers", () => {
  it("an sla.breached trigger runs its automation, and the policy's onBreach actions run too", async () => {
    const admin = await makeTenant();
    for (const key of ["standard", "urgent"])
      await api("DELETE", `/admin/config/sla/cases/${key}/draft`, { token: admin.token });
    const res = await publishConfig(admin, [
      item("action", "cases", "escalate", {
        type: "create_activity",
        title: "Escalate {{record.subject}} ({{trigger.metric}})",
        assignee: { role: "admin" },
      }),
      item("action", "cases", "bump", { type: "update_record", set: { priority: "urgent" } }),
      item("sla", "cases", "fast", {
        targets: [{ metric: "resolution", minutes: 0.01, stopWhen: { field: "status", op: "eq", value: "closed" } }],
        onBreach: ["bump"],
      }),
      item("trigger", "cases", "late", { on: "sla.breached", policy: "fast" }),
      item("automation", "cases", "late", { trigger: "late", actions: ["escalate"] }),
    ]);
    expect(res.status).toBe(200);
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Slow" } });
    const runs = await settled(admin, 2);
    expect(runs.map((r) => r.automation).sort()).toEqual(["late", "sla:fast:sla.breached"]);
    expect(
      (await api("GET", "/crm/activities", { token: admin.token })).body.items.map((a: { title: string }) => a.title),
    ).toEqual(["Escalate Slow (resolution)"]);
    expect((await api("GET", `/crm/cases/${c.body.id}`, { token: admin.token })).body.data.priority).toBe("urgent");
  });

  it("an approval.decided trigger sees the decision", async () => {
    const admin = await setup([
      item("approval", "deals", "discount", {
        when: { field: "discount", op: "gt", value: 20 },
        steps: [{ name: "Admins", approvers: { role: "admin" }, mode: "any" }],
      }),
      item("trigger", "deals", "decided", { on: "approval.decided", approval: "discount" }),
      item("action", "deals", "log", {
        type: "create_activity",
        title: "{{record.name}}: {{trigger.decision}}",
        assignee: "$owner",
      }),
      item("automation", "deals", "log", { trigger: "decided", actions: ["log"] }),
    ]);
    const agent = await makeMember(admin, "agent");
    const deal = await api("POST", "/crm/deals", { token: agent.token, body: { name: "Big" } });
    await api("PATCH", `/crm/deals/${deal.body.id}`, { token: agent.token, body: { discount: 30 } });
    const [request] = (await api("GET", "/crm/approvals?status=pending", { token: admin.token })).body.items;
    await api("POST", `/crm/approvals/${request.id}/decision`, { token: admin.token, body: { decision: "reject" } });
    await settled(admin);
    expect(
      (await api("GET", "/crm/activities", { token: admin.token })).body.items.map((a: { title: string }) => a.title),
    ).toEqual(["Big: rejected"]);
  });
});

describe("bursts", () => {
  it("runs a burst of 250 runs across several alarm wakes, all of them once", async () => {
    const admin = await setup([
      item("trigger", "customers", "created", { on: "create" }),
      item("action", "customers", "welcome", {
        type: "create_activity",
        title: "Hi {{record.name}}",
        assignee: "$owner",
      }),
      item("automation", "customers", "welcome", { trigger: "created", actions: ["welcome"] }),
    ]);
    const csv = ["name", ...Array.from({ length: 250 }, (_, i) => `Burst ${i}`)].join("\r\n");
    const res = await api("POST", "/crm/customers/import", {
      token: admin.token,
      raw: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(res.status).toBe(201);
    const count = async () =>
      (
        await (
          await tenantD1(admin.tenantId)
        )
          .prepare("SELECT count(*) AS n FROM activities WHERE tenant_id = ?")
          .bind(admin.tenantId)
          .first<{ n: number }>()
      )?.n;
    await eventually(async () => (await count()) === 250, 20_000, "250 activities");
    const stuck = await runInDurableObject(
      hub(admin),
      (_: TenantHub, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM runs WHERE status != 'succeeded'").one().n,
    );
    expect(stuck).toBe(0);
  }, 30_000);
});
