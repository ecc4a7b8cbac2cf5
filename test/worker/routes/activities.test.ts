import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant, openSocket, publishConfig } from "../helpers";

describe("activities", () => {
  it("creates, lists mine, marks done, and flags overdue", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const customer = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const created = await api("POST", "/crm/activities", {
      token: admin.token,
      body: {
        title: "Call Acme",
        assigneeId: agent.userId,
        dueAt: past,
        entity: "customers",
        recordId: customer.body.id,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "Call Acme",
      assigneeId: agent.userId,
      status: "open",
      overdue: true,
      recordId: customer.body.id,
    });
    await api("POST", "/crm/activities", { token: admin.token, body: { title: "Admin's own" } });

    const mine = await api("GET", "/crm/activities?assignee=me&status=open", { token: agent.token });
    expect(mine.body.items.map((a: { title: string }) => a.title)).toEqual(["Call Acme"]);
    expect(
      (await api("GET", `/crm/activities?recordId=${customer.body.id}`, { token: admin.token })).body.items,
    ).toHaveLength(1);
    const metrics = await api("GET", "/crm/dashboard/metrics", { token: admin.token });
    expect(metrics.body.activities).toEqual({ open: 2, overdue: 1 });

    const done = await api("PATCH", `/crm/activities/${created.body.id}`, {
      token: agent.token,
      body: { status: "done" },
    });
    expect(done.body).toMatchObject({ status: "done", overdue: false, completedAt: expect.any(String) });
    expect((await api("GET", "/crm/activities?assignee=me&status=open", { token: agent.token })).body.items).toEqual(
      [],
    );
  });

  it("refuses unknown assignees and records, and hides other tenants' activities", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    expect(
      (await api("POST", "/crm/activities", { token: a.token, body: { title: "x", assigneeId: b.userId } })).status,
    ).toBe(422);
    expect(
      (await api("POST", "/crm/activities", { token: a.token, body: { title: "x", recordId: "rec_nope" } })).status,
    ).toBe(422);
    const act = await api("POST", "/crm/activities", { token: a.token, body: { title: "A's" } });
    expect(
      (await api("PATCH", `/crm/activities/${act.body.id}`, { token: b.token, body: { status: "done" } })).status,
    ).toBe(404);
    expect((await api("GET", "/crm/activities", { token: b.token })).body.items).toEqual([]);
  });

  it("announces activity.created to the assignee over the socket", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const socket = await openSocket(agent);
    await socket.next((m) => m.type === "hello");
    const created = await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Ping", assigneeId: agent.userId },
    });
    expect(await socket.next((m) => m.type === "activity.created")).toMatchObject({
      id: created.body.id,
      title: "Ping",
      assigneeId: agent.userId,
    });
    socket.close();
  });

  it("keeps activities of records an agent may not read out of their lists, edits and links", async () => {
    const admin = await makeTenant();
    const snapshot = (await api("GET", "/runtime/config", { token: admin.token })).body.snapshot;
    await publishConfig(admin, [
      {
        ns: "form",
        entity: "cases",
        key: "default",
        config: { ...snapshot.form.cases.default, recordAccess: "owner" },
      },
    ]);
    const agent = await makeMember(admin, "agent");
    const theirs = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Someone else's" } });
    const mine = await api("POST", "/crm/cases", { token: agent.token, body: { subject: "Mine" } });
    const hidden = await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Secret follow-up", entity: "cases", recordId: theirs.body.id },
    });
    const assigned = await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Yours to do", assigneeId: agent.userId, entity: "cases", recordId: theirs.body.id },
    });
    await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "On my case", entity: "cases", recordId: mine.body.id },
    });

    const titles = async (query: string, s = agent) =>
      (await api("GET", `/crm/activities${query}`, { token: s.token })).body.items
        .map((a: { title: string }) => a.title)
        .sort();
    expect(await titles("")).toEqual(["On my case", "Yours to do"]);
    expect(await titles(`?recordId=${theirs.body.id}`)).toEqual(["Yours to do"]);
    expect(await titles(`?recordId=${theirs.body.id}`, admin)).toEqual(["Secret follow-up", "Yours to do"]);
    expect(
      (await api("PATCH", `/crm/activities/${hidden.body.id}`, { token: agent.token, body: { status: "done" } }))
        .status,
    ).toBe(404);
    expect(
      (await api("PATCH", `/crm/activities/${assigned.body.id}`, { token: agent.token, body: { status: "done" } }))
        .status,
    ).toBe(200);
    const link = await api("POST", "/crm/activities", {
      token: agent.token,
      body: { title: "Peek", entity: "cases", recordId: theirs.body.id },
    });
    expect(link.status).toBe(422);
    expect(link.body.error.details).toEqual([expect.objectContaining({ path: "recordId" })]);
  });
});
