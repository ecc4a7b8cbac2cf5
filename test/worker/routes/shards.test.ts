import { describe, expect, it } from "vitest";
import {
  api,
  eventually,
  makeMember,
  makeTenantOn,
  openSocket,
  publishConfig,
  runsOf,
  shardOf,
  type Session,
} from "../helpers";

// Tenants on different shards and on the same shard: every tenant's data is on its own shard
// (worker/db/tenant-db.ts picks it), and another tenant's ids are 404s wherever they live.
const other = (shard: string) => (shard === "SHARD_0" ? "SHARD_1" : "SHARD_0");

async function customer(s: Session, name: string) {
  const res = await api("POST", "/crm/customers", { token: s.token, body: { name } });
  expect(res.status).toBe(201);
  return res.body;
}

describe("tenants on shards", () => {
  it("spreads tenants over shards and keeps each one's records apart (404), across shards and within one", async () => {
    const a = await makeTenantOn("SHARD_0", "Zero");
    const b = await makeTenantOn("SHARD_1", "One");
    const c = await makeTenantOn("SHARD_1", "Also one");
    expect([await shardOf(a), await shardOf(b), await shardOf(c)]).toEqual(["SHARD_0", "SHARD_1", "SHARD_1"]);
    const bs = await customer(b, "Only B's");
    for (const s of [a, c]) {
      expect((await api("GET", `/crm/customers/${bs.id}`, { token: s.token })).status).toBe(404);
      expect(
        (await api("PATCH", `/crm/customers/${bs.id}`, { token: s.token, body: { name: "Mine now" } })).status,
      ).toBe(404);
      expect((await api("DELETE", `/crm/customers/${bs.id}`, { token: s.token })).status).toBe(404);
      expect((await api("GET", `/crm/customers/${bs.id}/history`, { token: s.token })).status).toBe(404);
      const list = await api("GET", "/crm/customers?limit=100", { token: s.token });
      expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(bs.id);
      const search = await api("GET", "/crm/search?q=Only", { token: s.token });
      expect(search.body.items.map((r: { id: string }) => r.id)).not.toContain(bs.id);
    }
    expect((await api("GET", `/crm/customers/${bs.id}`, { token: b.token })).body.data.name).toBe("Only B's");
  });

  it("members added on a shard are known there: user fields, names in history", async () => {
    const admin = await makeTenantOn("SHARD_1");
    const agent = await makeMember(admin, "agent");
    // The assignee must be an active member: checked against the shard's member mirror.
    const task = await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Call", assigneeId: agent.userId },
    });
    expect(task.status).toBe(201);
    const c = await customer(agent, "By the agent");
    const history = await api("GET", `/crm/customers/${c.id}/history`, { token: admin.token });
    expect(history.body.items[0]).toMatchObject({ actor: { id: agent.userId, name: "A agent" } });
    const members = await api("GET", "/admin/members", { token: admin.token });
    expect(members.body.items.map((m: { user: { id: string } }) => m.user.id)).toContain(agent.userId);
  });

  for (const shard of ["SHARD_0", "SHARD_1"]) {
    it(`runs automations, the outbox and SLA timers on ${shard}`, async () => {
      const admin = await makeTenantOn(shard);
      for (const key of ["standard", "urgent"])
        await api("DELETE", `/admin/config/sla/cases/${key}/draft`, { token: admin.token });
      const published = await publishConfig(admin, [
        { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
        {
          ns: "action",
          entity: "customers",
          key: "welcome",
          config: { type: "create_activity", title: "Welcome {{record.name}}", assignee: "$owner", dueIn: "2d" },
        },
        { ns: "automation", entity: "customers", key: "welcome", config: { trigger: "created", actions: ["welcome"] } },
        {
          ns: "sla",
          entity: "cases",
          key: "fast",
          config: {
            targets: [
              {
                metric: "resolution",
                minutes: 0.01,
                stopWhen: { field: "status", op: "in", value: ["resolved", "closed"] },
              },
            ],
          },
        },
      ]);
      expect(published.status).toBe(200);
      const socket = await openSocket(admin);
      await socket.next((m) => m.type === "hello");
      const c = await customer(admin, "Acme");
      // the outbox drained
      expect(await socket.next((m) => m.type === "record.changed" && m.id === c.id, 5000)).toBeTruthy();
      const [run] = await eventually(
        async () => {
          const runs = await runsOf(admin);
          return runs.length && runs.every((r) => r.status === "succeeded") ? runs : undefined;
        },
        5000,
        "the run",
      );
      expect(run).toMatchObject({ automation: "welcome", status: "succeeded" });
      const acts = await api("GET", `/crm/activities?recordId=${c.id}`, { token: admin.token });
      expect(acts.body.items).toEqual([expect.objectContaining({ title: "Welcome Acme" })]);
      const kase = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Down" } });
      expect(await socket.next((m) => m.type === "sla.breached" && m.id === kase.body.id, 5000)).toBeTruthy();
      socket.close();
      expect(await shardOf(admin)).toBe(shard);
    });
  }

  it("keeps records, history, config and members through a move to the other shard", async () => {
    const admin = await makeTenantOn("SHARD_0");
    const agent = await makeMember(admin, "agent");
    const c = await customer(admin, "Moving");
    await api("PATCH", `/crm/customers/${c.id}`, { token: admin.token, body: { company: "Before the move" } });
    const before = await api("GET", `/crm/customers/${c.id}/history`, { token: admin.token });
    const { moveTenant } = await import("../helpers");
    await moveTenant(admin.tenantId, other("SHARD_0"));
    expect(await shardOf(admin)).toBe("SHARD_1");
    expect((await api("GET", `/crm/customers/${c.id}`, { token: agent.token })).body.data).toMatchObject({
      name: "Moving",
      company: "Before the move",
    });
    expect((await api("GET", `/crm/customers/${c.id}/history`, { token: admin.token })).body).toEqual(before.body);
    expect(
      (await api("GET", "/crm/search?q=Moving", { token: admin.token })).body.items.map((r: { id: string }) => r.id),
    ).toContain(c.id);
    const after = await api("PATCH", `/crm/customers/${c.id}`, { token: agent.token, body: { company: "After" } });
    expect(after.status).toBe(200);
    expect((await api("GET", "/admin/config/versions", { token: admin.token })).status).toBe(200);
  });
});
