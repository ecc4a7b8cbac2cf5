import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant, publishConfig, type Json, type Session } from "../helpers";

// Computed fields through the API: formulas are evaluated by the Worker on every write and
// stored with the record; they are never written (422), show in history, follow access.
const projectsForm = {
  title: "Project",
  fields: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "amount", label: "Amount", type: "currency" },
    { name: "probability", label: "Probability", type: "percent" },
    {
      name: "weighted",
      label: "Weighted",
      type: "formula",
      formula: "amount * probability / 100",
      resultType: "currency",
    },
    { name: "big", label: "Big", type: "formula", formula: "coalesce(weighted, 0) >= 1000", resultType: "boolean" },
    {
      name: "code",
      label: "Code",
      type: "formula",
      formula: 'concat(upper(name), "-", round(amount))',
      resultType: "text",
    },
    { name: "cost", label: "Cost", type: "number", access: { read: "manager" } },
    { name: "margin", label: "Margin", type: "formula", formula: "amount - cost", resultType: "number" },
  ],
};

async function setup(): Promise<Session> {
  const admin = await makeTenant();
  const res = await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
  expect(res.status).toBe(200);
  return admin;
}

const create = (s: Session, body: unknown) => api("POST", "/crm/projects", { token: s.token, body });
const patch = (s: Session, id: string, body: unknown) => api("PATCH", `/crm/projects/${id}`, { token: s.token, body });

describe("formula fields on writes", () => {
  it("stores the values on create and recomputes them on update, formulas over formulas included", async () => {
    const admin = await setup();
    const made = await create(admin, { name: "apollo", amount: 2000, probability: 25 });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ weighted: 500, big: false, code: "APOLLO-2000" });
    const changed = await patch(admin, made.body.id, { probability: 60 });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ weighted: 1200, big: true, code: "APOLLO-2000" });
    const emptied = await patch(admin, made.body.id, { amount: null });
    expect(emptied.body.data.weighted).toBeUndefined();
    expect(emptied.body.data).toMatchObject({ big: false, code: "APOLLO-" });
  });

  it("history shows a computed change like any field change", async () => {
    const admin = await setup();
    const made = await create(admin, { name: "x", amount: 100, probability: 10 });
    await patch(admin, made.body.id, { amount: 200 });
    const history = await api("GET", `/crm/projects/${made.body.id}/history`, { token: admin.token });
    expect(history.body.items[1].changes).toMatchObject({
      amount: { from: 100, to: 200 },
      weighted: { from: 10, to: 20 },
      code: { from: "X-100", to: "X-200" },
    });
  });

  it("writing a computed field is a 422 naming it, on create and update, whatever the role", async () => {
    const admin = await setup();
    const bad = await create(admin, { name: "x", weighted: 5 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      { path: "weighted", message: "is a formula field: its value is computed and cannot be written" },
    ]);
    const made = await create(admin, { name: "x" });
    const upd = await patch(admin, made.body.id, { big: true, name: "y" });
    expect(upd.status).toBe(422);
    expect(upd.body.error.details.map((d: Json) => d.path)).toEqual(["big"]);
    expect((await api("GET", `/crm/projects/${made.body.id}`, { token: admin.token })).body.data.name).toBe("x");
  });

  it("a formula over a field a role cannot read is hidden from that role", async () => {
    const admin = await setup();
    const agent = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const made = await create(admin, { name: "p", amount: 100, cost: 30 });
    expect(made.body.data.margin).toBe(70);
    const asAgent = await api("GET", `/crm/projects/${made.body.id}`, { token: agent.token });
    expect(asAgent.body.data).not.toHaveProperty("cost");
    expect(asAgent.body.data).not.toHaveProperty("margin");
    expect(asAgent.body.data.weighted).toBeUndefined();
    expect(asAgent.body.data.code).toBe("P-100");
    const asManager = await api("GET", `/crm/projects/${made.body.id}`, { token: manager.token });
    expect(asManager.body.data).toMatchObject({ cost: 30, margin: 70 });
    // Nor can the agent filter or sort on it, like on the hidden field itself.
    const filtered = await api(
      "GET",
      `/crm/projects?where=${encodeURIComponent(JSON.stringify({ field: "margin", op: "gt", value: 50 }))}`,
      { token: agent.token },
    );
    expect(filtered.status).toBe(403);
    expect(filtered.body.error.message).toBe("Your role may not filter or sort by margin");
  });

  it("views filter and sort on a formula through SQL", async () => {
    const admin = await setup();
    for (const [name, amount] of [
      ["a", 100],
      ["b", 5000],
      ["c", 3000],
      ["d", 10],
    ] as const) {
      expect((await create(admin, { name, amount, probability: 50 })).status).toBe(201);
    }
    const where = encodeURIComponent(JSON.stringify({ field: "weighted", op: "gte", value: 50 }));
    const res = await api("GET", `/crm/projects?sort=-weighted&where=${where}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: Json) => r.data.name)).toEqual(["b", "c", "a"]);
  });

  it("CSV import rejects a row that gives a computed field a value, with a row error", async () => {
    const admin = await setup();
    const csv = "name,amount,weighted\r\nok,10,\r\nbad,20,5\r\n";
    const res = await api("POST", "/crm/projects/import", {
      token: admin.token,
      raw: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: "rows[3].weighted",
        message: "is a formula field: its value is computed and cannot be written",
      }),
    ]);
    const good = await api("POST", "/crm/projects/import", {
      token: admin.token,
      raw: "name,amount,probability\r\nok,10,50\r\n",
      headers: { "content-type": "text/csv" },
    });
    expect(good.status).toBeLessThan(300);
    const list = await api("GET", "/crm/projects", { token: admin.token });
    expect(list.body.items.map((r: Json) => r.data.weighted)).toEqual([5]);
  });
});
