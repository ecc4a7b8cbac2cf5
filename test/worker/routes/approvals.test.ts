import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import { api, eventually, makeMember, makeTenant, openSocket, publishConfig, runsOf, type Session } from "../helpers";

const hub = (s: Session) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(s.tenantId));

// Deals whose discount exceeds 20 % need approval.
async function setup(steps: unknown[], extra: { ns: string; entity: string; key: string; config: unknown }[] = []) {
  const admin = await makeTenant();
  const res = await publishConfig(admin, [
    {
      ns: "action",
      entity: "deals",
      key: "flag",
      config: { type: "update_record", set: { notes: "discount approved" } },
    },
    {
      ns: "approval",
      entity: "deals",
      key: "discount",
      config: { when: { field: "discount", op: "gt", value: 20 }, steps, onApprove: ["flag"] },
    },
    ...extra,
  ]);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return admin;
}

const pending = async (s: Session, mine = false) =>
  (await api("GET", `/crm/approvals?status=pending${mine ? "&mine=true" : ""}`, { token: s.token })).body.items;
const decide = (s: Session, id: string, decision: string, comment?: string) =>
  api("POST", `/crm/approvals/${id}/decision`, { token: s.token, body: { decision, comment } });

describe("approvals", () => {
  it("holds a change until a manager approves it (mode any), then applies it and runs onApprove", async () => {
    const admin = await setup([{ name: "Manager", approvers: { role: "manager" }, mode: "any" }]);
    const agent = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const socket = await openSocket(manager);
    await socket.next((m) => m.type === "hello");
    const deal = await api("POST", "/crm/deals", { token: agent.token, body: { name: "Big", discount: 5 } });
    const held = await api("PATCH", `/crm/deals/${deal.body.id}`, { token: agent.token, body: { discount: 30 } });
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({
      held: true,
      approvals: [{ approval: "discount", status: "pending", change: { discount: 30 } }],
      record: { data: { discount: 5 } },
    });
    expect((await api("GET", `/crm/deals/${deal.body.id}`, { token: agent.token })).body.data.discount).toBe(5);
    expect(await socket.next((m) => m.type === "approval.requested")).toMatchObject({
      entity: "deals",
      recordId: deal.body.id,
      status: "pending",
    });

    const [request] = await pending(manager, true);
    expect(request).toMatchObject({ approval: "discount", canDecide: true, requestedBy: agent.userId });
    expect(await pending(agent, true)).toEqual([]);
    const decided = await decide(manager, request.id, "approve", "ok");
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: "approved",
      steps: [{ decisions: [{ userId: manager.userId, decision: "approve", comment: "ok" }] }],
    });
    expect((await api("GET", `/crm/deals/${deal.body.id}`, { token: agent.token })).body.data.discount).toBe(30);
    expect(await socket.next((m) => m.type === "approval.decided")).toMatchObject({
      id: request.id,
      status: "approved",
    });
    await eventually(
      async () =>
        (await api("GET", `/crm/deals/${deal.body.id}`, { token: admin.token })).body.data.notes ===
        "discount approved",
    );
    expect((await decide(admin, request.id, "approve")).status).toBe(409);
    socket.close();
  });

  it("needs every approver in mode all, and a rejection discards the held change", async () => {
    const admin = await setup([{ name: "Both managers", approvers: { role: "manager" }, mode: "all" }]);
    const m1 = await makeMember(admin, "manager");
    const m2 = await makeMember(admin, "manager");
    // Admins rank above managers, so the admin is an approver of this step too.
    const deal = await api("POST", "/crm/deals", { token: admin.token, body: { name: "Big" } });
    await api("PATCH", `/crm/deals/${deal.body.id}`, { token: admin.token, body: { discount: 25 } });
    const [request] = await pending(m1, true);
    expect((await decide(m1, request.id, "approve")).body.status).toBe("pending");
    expect((await decide(m1, request.id, "approve")).status).toBe(409);
    expect((await decide(m2, request.id, "approve")).body.status).toBe("approved");
    expect((await api("GET", `/crm/deals/${deal.body.id}`, { token: admin.token })).body.data.discount).toBe(25);

    await api("PATCH", `/crm/deals/${deal.body.id}`, { token: admin.token, body: { discount: 10 } });
    await api("PATCH", `/crm/deals/${deal.body.id}`, { token: admin.token, body: { discount: 40 } });
    const [second] = await pending(m1, true);
    expect((await decide(m2, second.id, "reject", "too much")).body.status).toBe("rejected");
    expect((await api("GET", `/crm/deals/${deal.body.id}`, { token: admin.token })).body.data.discount).toBe(10);
  });

  it("refuses self-approval and non-approvers, and walks multi-step requests in order", async () => {
    const admin = await setup([
      { name: "Manager", approvers: { role: "manager" }, mode: "any" },
      { name: "Admin", approvers: { role: "admin" }, mode: "any" },
    ]);
    const manager = await makeMember(admin, "manager");
    const agent = await makeMember(admin, "agent");
    const deal = await api("POST", "/crm/deals", { token: manager.token, body: { name: "Big" } });
    await api("PATCH", `/crm/deals/${deal.body.id}`, { token: manager.token, body: { discount: 50 } });
    const [request] = await pending(admin);
    expect((await decide(manager, request.id, "approve")).status).toBe(403);
    expect((await decide(agent, request.id, "approve")).status).toBe(403);
    const step1 = await decide(admin, request.id, "approve");
    expect(step1.body).toMatchObject({ status: "pending", step: 1 });
    const other = await makeTenant();
    expect((await decide(other, request.id, "approve")).status).toBe(404);
    // Each step is its own decision: the admin may also decide the admin step.
    expect((await decide(admin, request.id, "approve")).body.status).toBe("approved");
    expect((await decide(other, request.id, "approve")).status).toBe(404);
  });

  it("opens a request for a new record that matches, and escalates a step past its deadline", async () => {
    const admin = await setup([{ name: "Manager", approvers: { role: "manager" }, mode: "any", dueIn: "1h" }]);
    const socket = await openSocket(admin);
    await socket.next((m) => m.type === "hello");
    const deal = await api("POST", "/crm/deals", { token: admin.token, body: { name: "Big", discount: 35 } });
    const [request] = await eventually(async () => {
      const p = await pending(admin);
      return p.length ? p : undefined;
    });
    expect(request).toMatchObject({ recordId: deal.body.id, change: null, escalated: false });
    await runInDurableObject(hub(admin), async (_: TenantHub, state) => {
      state.storage.sql.exec("UPDATE approval_timers SET due_at = ?", Date.now() - 1);
      await state.storage.setAlarm(Date.now());
    });
    await runDurableObjectAlarm(hub(admin));
    expect(await socket.next((m) => m.type === "approval.requested" && m.status === "escalated")).toMatchObject({
      id: request.id,
    });
    expect((await pending(admin))[0].escalated).toBe(true);
    socket.close();
  });

  it("an automation can request an approval", async () => {
    const admin = await setup(
      [{ name: "Manager", approvers: { role: "manager" }, mode: "any" }],
      [
        { ns: "trigger", entity: "deals", key: "created", config: { on: "create" } },
        { ns: "action", entity: "deals", key: "ask", config: { type: "request_approval", approval: "discount" } },
        { ns: "automation", entity: "deals", key: "ask", config: { trigger: "created", actions: ["ask"] } },
      ],
    );
    await api("POST", "/crm/deals", { token: admin.token, body: { name: "Small", discount: 0 } });
    await eventually(async () => (await runsOf(admin)).some((r) => r.status === "succeeded"));
    expect(await pending(admin)).toHaveLength(1);
  });

  it("lists requests only on records the caller can read, with the held change redacted like the record", async () => {
    const admin = await makeTenant();
    const customers = (await api("GET", "/runtime/config", { token: admin.token })).body.snapshot.form.customers
      .default;
    const published = await publishConfig(admin, [
      {
        ns: "form",
        entity: "customers",
        key: "default",
        config: {
          ...customers,
          fields: [...customers.fields, { name: "assignee", label: "Assignee", type: "user" }],
          recordAccess: "owner",
        },
      },
      {
        ns: "approval",
        entity: "customers",
        key: "big",
        config: {
          when: { field: "revenue", op: "gt", value: 1_000_000 },
          steps: [{ name: "Admin", approvers: { role: "admin" }, mode: "any" }],
        },
      },
    ]);
    expect(published.status).toBe(200);
    const manager = await makeMember(admin, "manager");
    const agent = await makeMember(admin, "agent");
    const viewer = await makeMember(admin, "read_only");
    const customer = await api("POST", "/crm/customers", {
      token: manager.token,
      body: { name: "Globex", assignee: viewer.userId },
    });
    const held = await api("PATCH", `/crm/customers/${customer.body.id}`, {
      token: manager.token,
      body: { revenue: 5_000_000, notes: "big year" },
    });
    expect(held.status).toBe(202);

    expect((await pending(admin))[0]).toMatchObject({
      recordId: customer.body.id,
      change: { revenue: 5_000_000, notes: "big year" },
    });
    // The agent neither owns nor is assigned the customer: the request is not theirs to see.
    expect(await pending(agent)).toEqual([]);
    // The read-only member is assigned it, but may not read revenue.
    const [seen] = await pending(viewer);
    expect(seen.change).toEqual({ notes: "big year" });
  });
});
