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
    await publishConfig(a, [{ ns: "view", entity: "customers", key: "secret_view", config: { title: "A only", type: "table", columns: [{ field: "name" }] } }]);
    await api("PUT", draftPath("view", "customers", "a_draft"), { token: a.token, body: { config: { title: "A draft", type: "table", columns: [{ field: "name" }] } } });
  });

  it("hides members of another tenant", async () => {
    expect((await api("PATCH", `/admin/members/${aAgent.userId}`, { token: b.token, body: { role: "admin" } })).status).toBe(404);
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
