import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { customerForm } from "../../../worker/shared/config/starter-forms";
import { api, eventually, makeMember, makeTenant, openSocket, publishConfig, type Session } from "../helpers";

const hub = (s: Session) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(s.tenantId));
const viewers = (m: { type: string; users?: { name: string }[] }, n: number) =>
  m.type === "presence" && m.users?.length === n;

describe("presence", () => {
  it("tells a record's viewers who has it open, and when they leave", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Globex" } });
    const a = await openSocket(admin);
    const b = await openSocket(agent);
    await a.next((m) => m.type === "hello");
    await b.next((m) => m.type === "hello");
    a.ws.send(JSON.stringify({ type: "presence", entity: "customers", id: c.body.id }));
    expect(await a.next((m) => viewers(m, 1))).toMatchObject({
      entity: "customers",
      id: c.body.id,
      users: [{ id: admin.userId, name: "Admin" }],
    });
    b.ws.send(JSON.stringify({ type: "presence", entity: "customers", id: c.body.id }));
    const both = await a.next((m) => viewers(m, 2));
    expect(both.users.map((u: { id: string }) => u.id).sort()).toEqual([admin.userId, agent.userId].sort());
    expect(await b.next((m) => viewers(m, 2))).toBeTruthy();

    b.ws.send(JSON.stringify({ type: "presence", entity: null, id: null }));
    a.messages.length = 0;
    expect(await a.next((m) => viewers(m, 1))).toMatchObject({ users: [{ id: admin.userId }] });
    b.ws.send("not json");
    b.ws.send(JSON.stringify({ type: "presence", entity: "BAD ENTITY", id: 5 }));
    b.ws.send(JSON.stringify({ type: "ping" }));
    expect(await b.next((m) => m.type === "pong")).toBeTruthy();
    a.close();
    b.close();
  });

  it("ignores a record the member may not see, and never reaches another tenant", async () => {
    const admin = await makeTenant();
    expect(
      (
        await publishConfig(admin, [
          { ns: "form", entity: "customers", key: "default", config: { ...customerForm(), recordAccess: "owner" } },
        ])
      ).status,
    ).toBe(200);
    const agent = await makeMember(admin, "agent");
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Not the agent's" } });
    const a = await openSocket(admin);
    const b = await openSocket(agent);
    await a.next((m) => m.type === "hello");
    await b.next((m) => m.type === "hello");
    a.ws.send(JSON.stringify({ type: "presence", entity: "customers", id: c.body.id }));
    await a.next((m) => viewers(m, 1));
    b.ws.send(JSON.stringify({ type: "presence", entity: "customers", id: c.body.id }));
    b.ws.send(JSON.stringify({ type: "ping" }));
    await b.next((m) => m.type === "pong");
    await new Promise((r) => setTimeout(r, 200));
    expect(a.messages.some((m) => viewers(m, 2))).toBe(false);
    expect(b.messages.some((m) => m.type === "presence")).toBe(false);
    a.close();
    b.close();
  });
});

describe("activities v2", () => {
  it("take a type of task, call, meeting or note, and can be edited and completed", async () => {
    const admin = await makeTenant();
    expect(
      (await api("POST", "/crm/activities", { token: admin.token, body: { title: "Gossip", type: "gossip" } })).status,
    ).toBe(422);
    const call = await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Call Pat", type: "call", dueAt: "2020-01-01T10:00:00Z" },
    });
    expect(call.body).toMatchObject({ type: "call", assigneeId: admin.userId, overdue: true });
    const edited = await api("PATCH", `/crm/activities/${call.body.id}`, {
      token: admin.token,
      body: { title: "Meet Pat", type: "meeting", dueAt: null },
    });
    expect(edited.body).toMatchObject({ title: "Meet Pat", type: "meeting", dueAt: null, overdue: false });
    expect(
      (await api("PATCH", `/crm/activities/${call.body.id}`, { token: admin.token, body: { status: "done" } })).body,
    ).toMatchObject({ status: "done" });
  });
});

describe("activity reminders", () => {
  it("become a notification for the assignee when due", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const soon = new Date(Date.now() + 300).toISOString();
    const created = await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Follow up", type: "task", assigneeId: agent.userId, remindAt: soon },
    });
    expect(created.body.remindAt).toBe(soon);
    const reminder = await eventually(
      async () => {
        await runDurableObjectAlarm(hub(admin));
        return (await api("GET", "/notifications", { token: agent.token })).body.items.find(
          (n: { kind: string }) => n.kind === "reminder",
        );
      },
      8000,
      "reminder",
    );
    expect(reminder.title).toBe("Reminder: Follow up");
  });
});
