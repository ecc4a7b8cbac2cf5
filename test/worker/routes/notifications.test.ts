import { describe, expect, it } from "vitest";
import { caseForm } from "../../../worker/shared/config/starter-forms";
import {
  api,
  eventually,
  makeMember,
  makeTenant,
  openSocket,
  publishConfig,
  type Json,
  type Session,
} from "../helpers";

const mine = async (s: Session, q = "") =>
  (await api("GET", `/notifications${q}`, { token: s.token })).body as { items: Json[]; unread: number };

describe("notifications", () => {
  it("tells a member live when a case is assigned to them, and counts it unread until read", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const socket = await openSocket(agent);
    await socket.next((m) => m.type === "hello");
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Printer on fire" } });
    await api("PATCH", `/crm/cases/${c.body.id}`, { token: admin.token, body: { assignee: agent.userId } });

    const pushed = await socket.next((m) => m.type === "notification", 4000);
    expect(pushed.notification).toMatchObject({
      kind: "assigned",
      read: false,
      entity: "cases",
      recordId: c.body.id,
      title: "Case assigned to you: Printer on fire",
    });
    const list = await mine(agent);
    expect(list.unread).toBe(1);
    expect(list.items).toEqual([pushed.notification]);
    expect((await mine(admin)).items).toEqual([]); // the one who assigned is not told

    // Saving again without changing the assignee tells nobody anything new.
    await api("PATCH", `/crm/cases/${c.body.id}`, { token: admin.token, body: { priority: "high" } });
    const read = await api("POST", "/notifications/read", {
      token: agent.token,
      body: { ids: [pushed.notification.id] },
    });
    expect(read).toMatchObject({ status: 200, body: { unread: 0 } });
    expect((await mine(agent, "?unread=true")).items).toEqual([]);
    expect((await mine(agent)).items[0].read).toBe(true);
    socket.close();
  });

  it("tells people mentioned in a note, and the assignee of a task; marks all read", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Globex" } });
    const note = await api("POST", "/crm/activities", {
      token: admin.token,
      body: {
        title: "Spoke to Pat",
        type: "note",
        notes: `@A manager please call them; cc agent@example.test`,
        entity: "customers",
        recordId: c.body.id,
      },
    });
    expect(note.status).toBe(201);
    await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Send quote", assigneeId: agent.userId },
    });
    const forManager = await eventually(async () => ((await mine(manager)).items.length ? mine(manager) : undefined));
    expect(forManager.items).toMatchObject([
      { kind: "mention", title: "Admin mentioned you: Spoke to Pat", entity: "customers", recordId: c.body.id },
    ]);
    const forAgent = await eventually(async () => ((await mine(agent)).items.length ? mine(agent) : undefined));
    // "agent@example.test" is an address, not a mention
    expect(forAgent.items.map((n) => n.kind)).toEqual(["assigned"]);
    expect((await api("POST", "/notifications/read", { token: agent.token, body: {} })).body.unread).toBe(0);
    // Marking someone else's ids read changes nothing of theirs.
    await api("POST", "/notifications/read", { token: agent.token, body: { ids: [forManager.items[0].id] } });
    expect((await mine(manager)).unread).toBe(1);
  });

  it("names a record only by a field the recipient may read", async () => {
    const admin = await makeTenant();
    const form = caseForm();
    form.fields.unshift({ name: "codename", label: "Codename", type: "text", access: { read: "manager" } });
    expect((await publishConfig(admin, [{ ns: "form", entity: "cases", key: "default", config: form }])).status).toBe(
      200,
    );
    const agent = await makeMember(admin, "agent");
    const c = await api("POST", "/crm/cases", {
      token: admin.token,
      body: { subject: "Visible subject", codename: "Bluebird", assignee: agent.userId },
    });
    expect(c.status).toBe(201);
    const list = await eventually(async () => ((await mine(agent)).items.length ? mine(agent) : undefined));
    expect(list.items[0].title).toBe("Case assigned to you: Visible subject");
    expect(JSON.stringify(list)).not.toContain("Bluebird");
  });

  it("tells approvers of a request and the requester of the decision", async () => {
    const admin = await makeTenant();
    expect(
      (
        await publishConfig(admin, [
          {
            ns: "approval",
            entity: "deals",
            key: "discount",
            config: {
              when: { field: "discount", op: "gt", value: 20 },
              steps: [{ name: "Manager", approvers: { role: "manager" }, mode: "any" }],
            },
          },
        ])
      ).status,
    ).toBe(200);
    const agent = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const deal = await api("POST", "/crm/deals", { token: agent.token, body: { name: "Big deal", discount: 5 } });
    expect(
      (await api("PATCH", `/crm/deals/${deal.body.id}`, { token: agent.token, body: { discount: 30 } })).status,
    ).toBe(202);
    const asked = await eventually(async () =>
      (await mine(manager)).items.find((n) => n.kind === "approval.requested"),
    );
    expect(asked.title).toBe("Approval needed (discount): Big deal");
    const [request] = (await api("GET", "/crm/approvals?status=pending&mine=true", { token: manager.token })).body
      .items;
    await api("POST", `/crm/approvals/${request.id}/decision`, { token: manager.token, body: { decision: "approve" } });
    const told = await eventually(async () => (await mine(agent)).items.find((n) => n.kind === "approval.decided"));
    expect(told.title).toBe("Your request (discount) was approved: Big deal");

    const timeline = await api("GET", `/crm/deals/${deal.body.id}/timeline?kinds=approval`, { token: agent.token });
    expect(timeline.body.items.map((i: Json) => i.summary)).toEqual([
      "Approved: discount",
      "Approval requested: discount",
    ]);
    expect(timeline.body.items[1].data.change).toEqual({ discount: { from: null, to: 30 } });
  });

  it("warns the owner of a case whose SLA breaches", async () => {
    const admin = await makeTenant();
    for (const key of ["standard", "urgent"])
      await api("DELETE", `/admin/config/sla/cases/${key}/draft`, { token: admin.token });
    const policy = {
      targets: [
        { metric: "resolution", minutes: 0.01, stopWhen: { field: "status", op: "in", value: ["resolved", "closed"] } },
      ],
    };
    expect((await publishConfig(admin, [{ ns: "sla", entity: "cases", key: "fast", config: policy }])).status).toBe(
      200,
    );
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Down" } });
    const breached = await eventually(
      async () => (await mine(admin)).items.find((n) => n.kind === "sla.breached"),
      8000,
    );
    expect(breached).toMatchObject({ title: "SLA breached (resolution): Down", recordId: c.body.id });
    const timeline = await api("GET", `/crm/cases/${c.body.id}/timeline?kinds=sla`, { token: admin.token });
    expect(timeline.body.items[0]).toMatchObject({
      kind: "sla",
      summary: "SLA breached: resolution",
      actor: { kind: "system", name: "System" },
    });
  });

  it("refuses malformed bodies", async () => {
    const admin = await makeTenant();
    expect((await api("POST", "/notifications/read", { token: admin.token, body: { ids: "all" } })).status).toBe(422);
    expect((await api("GET", "/notifications?cursor=zzz", { token: admin.token })).status).toBe(400);
    expect((await api("GET", "/notifications")).status).toBe(401);
  });
});
