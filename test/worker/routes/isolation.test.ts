import { beforeAll, describe, expect, it } from "vitest";
import { api, draftPath, makeMember, makeTenant, publishConfig, type Session } from "../helpers";

// Tenant B's admin aims every id-bearing route at tenant A's ids: each must be a 404 (never a
// 403, never A's data), and A's data must be unchanged afterwards.
describe("cross-tenant isolation", () => {
  let a: Session;
  let aAgent: Session;
  let b: Session;
  beforeAll(async () => {
    a = await makeTenant("A");
    aAgent = await makeMember(a, "agent");
    b = await makeTenant("B");
    await publishConfig(a, [
      {
        ns: "view",
        entity: "customers",
        key: "secret_view",
        config: { title: "A only", type: "table", columns: [{ field: "name" }] },
      },
    ]);
    await api("PUT", draftPath("view", "customers", "a_draft"), {
      token: a.token,
      body: { config: { title: "A draft", type: "table", columns: [{ field: "name" }] } },
    });
  });

  it("hides members of another tenant", async () => {
    expect(
      (await api("PATCH", `/admin/members/${aAgent.userId}`, { token: b.token, body: { role: "admin" } })).status,
    ).toBe(404);
    expect((await api("DELETE", `/admin/members/${aAgent.userId}`, { token: b.token })).status).toBe(404);
    const list = await api("GET", "/admin/members", { token: b.token });
    expect(list.body.items.map((m: { user: { id: string } }) => m.user.id)).not.toContain(aAgent.userId);
    expect((await api("GET", "/auth/me", { token: aAgent.token })).body.role).toBe("agent");
    const directory = await api("GET", "/crm/members", { token: b.token });
    expect(directory.body.items.map((m: { id: string }) => m.id)).toEqual([b.userId]);
  });

  it("hides another tenant's drafts, versions and audit", async () => {
    expect((await api("GET", draftPath("view", "customers", "a_draft"), { token: b.token })).status).toBe(404);
    expect((await api("DELETE", draftPath("view", "customers", "a_draft"), { token: b.token })).status).toBe(404);
    expect((await api("POST", "/admin/config/view/customers/a_draft/validate", { token: b.token })).status).toBe(404);
    expect((await api("GET", "/admin/config/versions/2", { token: b.token })).status).toBe(404);
    expect((await api("GET", "/admin/config/diff?from=1&to=2", { token: b.token })).status).toBe(404);
    expect((await api("POST", "/admin/config/rollback", { token: b.token, body: { version: 2 } })).status).toBe(404);
    expect((await api("GET", "/runtime/config?version=2", { token: b.token })).status).toBe(404);
    const items = await api("GET", "/admin/config", { token: b.token });
    expect(items.body.items.map((i: { key: string }) => i.key)).not.toContain("a_draft");
    const audit = await api("GET", "/admin/audit?limit=200", { token: b.token });
    expect(JSON.stringify(audit.body)).not.toContain(a.tenantId);
    expect(JSON.stringify(audit.body)).not.toContain("A only");
  });

  it("keeps each tenant's runtime config its own", async () => {
    const runtimeB = await api("GET", "/runtime/config", { token: b.token });
    expect(runtimeB.body.version).toBe(1);
    expect(runtimeB.body.snapshot.view.customers.secret_view).toBeUndefined();
    expect((await api("GET", draftPath("view", "customers", "a_draft"), { token: a.token })).status).toBe(200);
  });
});

describe("cross-tenant isolation of CRM data", () => {
  it("answers 404 for another tenant's record, activity, approval and thread ids on every route", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    await publishConfig(a, [
      {
        ns: "approval",
        entity: "deals",
        key: "big",
        config: {
          when: { field: "discount", op: "gt", value: 20 },
          steps: [{ name: "Admin", approvers: { role: "admin" }, mode: "any" }],
        },
      },
    ]);
    const customer = await api("POST", "/crm/customers", { token: a.token, body: { name: "Secret Corp" } });
    const id = customer.body.id;
    const activity = await api("POST", "/crm/activities", { token: a.token, body: { title: "A task" } });
    const inbox = await api("POST", "/crm/inbox/messages", {
      token: a.token,
      body: { channel: "web", externalId: "x1", from: { email: "s@a.test" }, body: "hi" },
    });
    const aAgent = await makeMember(a, "agent");
    const deal = await api("POST", "/crm/deals", { token: aAgent.token, body: { name: "D" } });
    await api("PATCH", `/crm/deals/${deal.body.id}`, { token: aAgent.token, body: { discount: 50 } });
    const approval = (await api("GET", "/crm/approvals?status=pending", { token: a.token })).body.items[0];

    const probes: [string, string, unknown?][] = [
      ["GET", `/crm/customers/${id}`],
      ["PATCH", `/crm/customers/${id}`, { name: "x" }],
      ["DELETE", `/crm/customers/${id}`],
      ["POST", `/crm/customers/${id}/transition`, { to: "x" }],
      ["GET", `/crm/customers/${id}/history`],
      ["GET", `/crm/customers/${id}/sla`],
      ["GET", `/crm/cases/${inbox.body.case.id}`],
      ["GET", `/crm/inbox/${inbox.body.case.id}/messages`],
      ["PATCH", `/crm/activities/${activity.body.id}`, { status: "done" }],
      ["POST", `/crm/approvals/${approval.id}/decision`, { decision: "approve" }],
    ];
    for (const [method, path, body] of probes) {
      const res = await api(method, path, { token: b.token, body });
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    const lists = await Promise.all(
      [
        "/crm/customers?q=Secret",
        "/crm/activities",
        "/crm/inbox?status=all",
        "/crm/approvals",
        "/admin/automation/runs",
        "/admin/automation/emails",
      ].map((p) => api("GET", p, { token: b.token })),
    );
    for (const res of lists) expect(res.body.items).toEqual([]);
    const csv = await api("GET", "/crm/customers/export.csv", { token: b.token });
    expect(String(csv.body)).not.toContain("Secret Corp");
    expect((await api("GET", "/crm/dashboard/metrics", { token: b.token })).body.customers.total).toBe(0);
    expect((await api("GET", `/crm/customers/${id}`, { token: a.token })).body.data.name).toBe("Secret Corp");
  });
});
