import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant, openSocket, publishConfig, type Session } from "../helpers";

const create = (s: Session, entity: string, body: unknown) => api("POST", `/crm/${entity}`, { token: s.token, body });

describe("records: create, read, update, delete", () => {
  it("creates a record validated and coerced by the published form", async () => {
    const admin = await makeTenant();
    const res = await create(admin, "customers", { name: "  Acme  ", email: "Ops@Acme.TEST", revenue: "1200.50" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      entity: "customers",
      version: 1,
      ownerId: admin.userId,
      createdBy: admin.userId,
      data: { name: "Acme", email: "Ops@acme.test", tier: "silver", revenue: 1200.5 },
    });
    expect(res.headers.get("etag")).toBe('"1"');
    const read = await api("GET", `/crm/customers/${res.body.id}`, { token: admin.token });
    expect(read.body).toEqual(res.body);
  });

  it("rejects invalid values with 422 naming each field, and writes nothing", async () => {
    const admin = await makeTenant();
    const res = await create(admin, "customers", { email: "not-an-email", tier: "platinum", bogus: 1 });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["bogus", "email", "name", "tier"]);
    expect((await api("GET", "/crm/customers", { token: admin.token })).body.items).toEqual([]);
  });

  it("enforces requiredWhen", async () => {
    const admin = await makeTenant();
    const res = await create(admin, "customers", { name: "Gone Inc", tier: "churned" });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: "churnReason" })]);
  });

  it("enforces unique values atomically (409 duplicate), case-insensitively", async () => {
    const admin = await makeTenant();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        create(admin, "customers", { name: `C${i}`, email: i % 2 ? "same@x.test" : "SAME@x.test" }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const dup = results.find((r) => r.status === 409)!;
    expect(dup.body.error).toMatchObject({ code: "duplicate", details: [{ path: "email" }] });
    expect((await api("GET", "/crm/customers", { token: admin.token })).body.items).toHaveLength(1);
  });

  it("frees unique values on delete and on change", async () => {
    const admin = await makeTenant();
    const a = await create(admin, "customers", { name: "A", email: "a@x.test" });
    await api("PATCH", `/crm/customers/${a.body.id}`, { token: admin.token, body: { email: "a2@x.test" } });
    expect((await create(admin, "customers", { name: "B", email: "a@x.test" })).status).toBe(201);
    await api("DELETE", `/crm/customers/${a.body.id}`, { token: admin.token });
    expect((await create(admin, "customers", { name: "C", email: "a2@x.test" })).status).toBe(201);
  });

  it("checks that references point at live records of the named entity", async () => {
    const admin = await makeTenant();
    const deal = await create(admin, "deals", { name: "Big", customer: "rec_missing" });
    expect(deal.status).toBe(422);
    expect(deal.body.error.details).toEqual([expect.objectContaining({ path: "customer" })]);
    const other = await create(admin, "deals", { name: "Self" });
    expect((await create(admin, "deals", { name: "Wrong", customer: other.body.id })).status).toBe(422);
    const customer = await create(admin, "customers", { name: "Acme" });
    expect((await create(admin, "deals", { name: "Right", customer: customer.body.id })).status).toBe(201);
  });

  it("updates with If-Match, refusing a stale version with 412", async () => {
    const admin = await makeTenant();
    const c = await create(admin, "customers", { name: "Acme" });
    const up = await api("PATCH", `/crm/customers/${c.body.id}`, {
      token: admin.token,
      body: { company: "Acme Corp" },
      headers: { "if-match": '"1"' },
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ version: 2, data: { name: "Acme", company: "Acme Corp" } });
    const stale = await api("PATCH", `/crm/customers/${c.body.id}`, {
      token: admin.token,
      body: { company: "Stale" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect((await api("GET", `/crm/customers/${c.body.id}`, { token: admin.token })).body.data.company).toBe(
      "Acme Corp",
    );
  });

  it("soft-deletes: gone from reads, kept in history; deleting needs a manager", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const c = await create(admin, "customers", { name: "Acme" });
    expect((await api("DELETE", `/crm/customers/${c.body.id}`, { token: agent.token })).status).toBe(403);
    expect((await api("DELETE", `/crm/customers/${c.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await api("GET", `/crm/customers/${c.body.id}`, { token: admin.token })).status).toBe(404);
    expect((await api("GET", "/crm/customers", { token: admin.token })).body.items).toEqual([]);
    const audit = await api("GET", "/admin/audit", { token: admin.token });
    expect(audit.body.items[0]).toMatchObject({
      action: "record.deleted",
      target: `record:${c.body.id}`,
      before: { name: "Acme" },
    });
  });

  it("answers unknown entities with 404 unknown_entity, and works for custom entities once published", async () => {
    const admin = await makeTenant();
    const missing = await create(admin, "projects", { title: "X" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("unknown_entity");
    await publishConfig(admin, [
      {
        ns: "form",
        entity: "projects",
        key: "default",
        config: { title: "Project", fields: [{ name: "title", label: "Title", type: "text", required: true }] },
      },
    ]);
    expect((await create(admin, "projects", { title: "Launch" })).status).toBe(201);
  });

  it("lets read_only members read but not write", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    await create(admin, "customers", { name: "Acme" });
    expect((await api("GET", "/crm/customers", { token: viewer.token })).body.items).toHaveLength(1);
    expect((await create(viewer, "customers", { name: "Nope" })).status).toBe(403);
  });

  it("records a history of every change with before and after", async () => {
    const admin = await makeTenant();
    const c = await create(admin, "customers", { name: "Acme" });
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { name: "Acme 2", company: "AC" } });
    const history = await api("GET", `/crm/customers/${c.body.id}/history`, { token: admin.token });
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(["record.created", "record.updated"]);
    expect(history.body.items[1].changes).toEqual({
      name: { from: "Acme", to: "Acme 2" },
      company: { from: null, to: "AC" },
    });
  });
});

describe("records: field and row security", () => {
  it("leaves out fields a role may not read and refuses writes to them with 403", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const viewer = await makeMember(admin, "read_only");
    const c = await create(admin, "customers", { name: "Acme", revenue: 5000 });
    expect((await api("GET", `/crm/customers/${c.body.id}`, { token: agent.token })).body.data.revenue).toBe(5000);
    const asViewer = await api("GET", `/crm/customers/${c.body.id}`, { token: viewer.token });
    expect(asViewer.body.data).not.toHaveProperty("revenue");
    const list = await api("GET", "/crm/customers", { token: viewer.token });
    expect(list.body.items[0].data).not.toHaveProperty("revenue");
    const write = await api("PATCH", `/crm/customers/${c.body.id}`, { token: agent.token, body: { revenue: 1 } });
    expect(write.status).toBe(403);
    expect(write.body.error.details).toEqual([expect.objectContaining({ path: "revenue" })]);
  });

  it("limits agents to their own or assigned records when the form says recordAccess: owner", async () => {
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
    const other = await makeMember(admin, "agent");
    const mine = await create(agent, "cases", { subject: "Mine" });
    const assigned = await create(admin, "cases", { subject: "Assigned", assignee: agent.userId });
    const foreign = await create(other, "cases", { subject: "Theirs" });
    const list = await api("GET", "/crm/cases", { token: agent.token });
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual([mine.body.id, assigned.body.id].sort());
    expect((await api("GET", `/crm/cases/${foreign.body.id}`, { token: agent.token })).status).toBe(404);
    expect(
      (await api("PATCH", `/crm/cases/${foreign.body.id}`, { token: agent.token, body: { subject: "x" } })).status,
    ).toBe(404);
    expect((await api("GET", "/crm/cases", { token: admin.token })).body.items).toHaveLength(3);
  });
});

describe("records: workflow transitions", () => {
  it("starts at the initial step and moves only along allowed transitions", async () => {
    const admin = await makeTenant();
    const deal = await create(admin, "deals", { name: "Big" });
    expect(deal.body).toMatchObject({ status: "lead", data: { probability: 10 } });
    const bad = await api("POST", `/crm/deals/${deal.body.id}/transition`, { token: admin.token, body: { to: "won" } });
    expect(bad.status).toBe(409);
    expect(bad.body.error.code).toBe("invalid_transition");
    const ok = await api("POST", `/crm/deals/${deal.body.id}/transition`, {
      token: admin.token,
      body: { to: "qualified" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "qualified", version: 2, data: { probability: 25 } });
    const history = await api("GET", `/crm/deals/${deal.body.id}/history`, { token: admin.token });
    expect(history.body.items.at(-1)).toMatchObject({
      action: "record.transitioned",
      from: "lead",
      to: "qualified",
      actor: { id: admin.userId },
    });
  });

  it("refuses a transition the role may not make with 403", async () => {
    const admin = await makeTenant();
    const snapshot = (await api("GET", "/runtime/config", { token: admin.token })).body.snapshot;
    const wf = snapshot.workflow.deals.default;
    const guarded = {
      ...wf,
      transitions: wf.transitions.map((t: { from: string; to: string }) =>
        t.from === "lead" && t.to === "qualified" ? { ...t, roles: ["manager"] } : t,
      ),
    };
    await publishConfig(admin, [{ ns: "workflow", entity: "deals", key: "default", config: guarded }]);
    const agent = await makeMember(admin, "agent");
    const deal = await create(agent, "deals", { name: "Big" });
    expect(
      (await api("POST", `/crm/deals/${deal.body.id}/transition`, { token: agent.token, body: { to: "qualified" } }))
        .status,
    ).toBe(403);
    expect(
      (await api("POST", `/crm/deals/${deal.body.id}/transition`, { token: admin.token, body: { to: "qualified" } }))
        .status,
    ).toBe(200);
  });
});

describe("records: live events", () => {
  it("broadcasts record.changed with ids only after each committed write", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const socket = await openSocket(agent);
    await socket.next((m) => m.type === "hello");
    const c = await create(admin, "customers", { name: "Acme", revenue: 10 });
    expect(await socket.next((m) => m.type === "record.changed")).toEqual({
      type: "record.changed",
      entity: "customers",
      id: c.body.id,
      op: "created",
      version: 1,
    });
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { name: "Acme 2" } });
    expect(await socket.next((m) => m.type === "record.changed" && m.op === "updated")).toMatchObject({
      id: c.body.id,
      version: 2,
    });
    await api("DELETE", `/crm/customers/${c.body.id}`, { token: admin.token });
    expect(await socket.next((m) => m.type === "record.changed" && m.op === "deleted")).toMatchObject({
      id: c.body.id,
      version: 3,
    });
    socket.close();
  });
});

describe("records: queries cannot reveal hidden fields", () => {
  it("refuses where and sort on a field the role may not read", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    const where = encodeURIComponent(JSON.stringify({ field: "revenue", op: "gt", value: 1000 }));
    expect((await api("GET", `/crm/customers?where=${where}`, { token: viewer.token })).status).toBe(403);
    expect((await api("GET", "/crm/customers?sort=-revenue", { token: viewer.token })).status).toBe(403);
    expect((await api("GET", `/crm/customers?where=${where}`, { token: admin.token })).status).toBe(200);
  });
});
