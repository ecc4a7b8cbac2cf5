import { describe, expect, it } from "vitest";
import { MAX_ROLLUP_DEPTH, markDirty } from "../../../../worker/services/records/rollups";
import { api, eventually, makeTenant, publishConfig, type Json, type Session } from "../../helpers";

// Roll-ups kept current by the outbox drain (worker/services/records/rollups.ts), through the API.
const accountsForm = {
  title: "Account",
  fields: [
    { name: "name", label: "Name", type: "text", required: true },
    {
      name: "open",
      label: "Open tasks",
      type: "rollup",
      rollup: { entity: "tasks", via: "account", op: "count", where: { field: "done", op: "neq", value: true } },
    },
    { name: "tasks", label: "Tasks", type: "rollup", rollup: { entity: "tasks", via: "account", op: "count" } },
    {
      name: "hours",
      label: "Hours",
      type: "rollup",
      rollup: { entity: "tasks", via: "account", op: "sum", field: "hours" },
    },
    {
      name: "longest",
      label: "Longest",
      type: "rollup",
      rollup: { entity: "tasks", via: "account", op: "max", field: "hours" },
    },
    {
      name: "mean",
      label: "Mean",
      type: "rollup",
      rollup: { entity: "tasks", via: "account", op: "avg", field: "hours" },
    },
    { name: "days", label: "Days", type: "formula", formula: "hours / 8", resultType: "number" },
  ],
};
const tasksForm = {
  title: "Task",
  fields: [
    { name: "title", label: "Title", type: "text", required: true },
    { name: "account", label: "Account", type: "reference", entity: "accounts" },
    { name: "hours", label: "Hours", type: "number" },
    { name: "done", label: "Done", type: "boolean" },
  ],
};

async function setup(): Promise<Session> {
  const admin = await makeTenant();
  const res = await publishConfig(admin, [
    { ns: "form", entity: "accounts", key: "default", config: accountsForm },
    { ns: "form", entity: "tasks", key: "default", config: tasksForm },
  ]);
  expect(res.status).toBe(200);
  return admin;
}

const create = async (s: Session, entity: string, body: unknown): Promise<Json> => {
  const res = await api("POST", `/crm/${entity}`, { token: s.token, body });
  expect(res.status).toBe(201);
  return res.body;
};
const patch = (s: Session, entity: string, id: string, body: unknown) =>
  api("PATCH", `/crm/${entity}/${id}`, { token: s.token, body });
const read = async (s: Session, id: string): Promise<Json> =>
  (await api("GET", `/crm/accounts/${id}`, { token: s.token })).body.data;

/** Waits until the account's data has the expected values. */
async function settles(s: Session, id: string, expected: Record<string, unknown>): Promise<Json> {
  return eventually(
    async () => {
      const data = await read(s, id);
      return Object.entries(expected).every(([k, v]) => JSON.stringify(data[k] ?? null) === JSON.stringify(v)) && data;
    },
    8000,
    `account ${id} to reach ${JSON.stringify(expected)}`,
  );
}

describe("roll-ups", () => {
  it("start at 0 (count, sum) or empty on a new record", async () => {
    const admin = await setup();
    const acme = await create(admin, "accounts", { name: "Acme" });
    expect(acme.data).toEqual({ name: "Acme", open: 0, tasks: 0, hours: 0, days: 0 });
  });

  it("follow a child's create, change, re-parenting and delete; formulas over them follow", async () => {
    const admin = await setup();
    const acme = await create(admin, "accounts", { name: "Acme" });
    const globex = await create(admin, "accounts", { name: "Globex" });
    const t1 = await create(admin, "tasks", { title: "a", account: acme.id, hours: 4 });
    const t2 = await create(admin, "tasks", { title: "b", account: acme.id, hours: 12 });
    await settles(admin, acme.id, { open: 2, tasks: 2, hours: 16, longest: 12, mean: 8, days: 2 });

    expect((await patch(admin, "tasks", t1.id, { hours: 8, done: true })).status).toBe(200);
    await settles(admin, acme.id, { open: 1, tasks: 2, hours: 20, longest: 12, mean: 10, days: 2.5 });

    expect((await patch(admin, "tasks", t2.id, { account: globex.id })).status).toBe(200);
    await settles(admin, acme.id, { open: 0, tasks: 1, hours: 8, longest: 8, mean: 8, days: 1 });
    await settles(admin, globex.id, { open: 1, tasks: 1, hours: 12, longest: 12, mean: 12, days: 1.5 });

    expect((await api("DELETE", `/crm/tasks/${t1.id}`, { token: admin.token })).status).toBe(204);
    await settles(admin, acme.id, { open: 0, tasks: 0, hours: 0, longest: null, mean: null, days: 0 });

    const history = await api("GET", `/crm/accounts/${acme.id}/history`, { token: admin.token });
    const last = history.body.items.at(-1);
    expect(last.changes.tasks).toEqual({ from: 1, to: 0 });
  });

  it("a view sorted and filtered by a roll-up lists the right records", async () => {
    const admin = await setup();
    const accounts = [];
    for (const [name, n] of [
      ["one", 1],
      ["three", 3],
      ["none", 0],
      ["two", 2],
    ] as const) {
      const a = await create(admin, "accounts", { name });
      accounts.push(a);
      for (let i = 0; i < n; i++) await create(admin, "tasks", { title: `${name}${i}`, account: a.id, hours: 1 });
    }
    await settles(admin, accounts[1].id, { tasks: 3 });
    await settles(admin, accounts[3].id, { tasks: 2 });
    await settles(admin, accounts[0].id, { tasks: 1 });
    const view = {
      title: "Busy",
      type: "table",
      columns: [{ field: "name" }, { field: "tasks" }],
      sort: [{ field: "tasks", dir: "desc" }],
      filter: { field: "tasks", op: "gte", value: 1 },
    };
    expect((await publishConfig(admin, [{ ns: "view", entity: "accounts", key: "busy", config: view }])).status).toBe(
      200,
    );
    const res = await api("GET", "/crm/accounts?view=busy", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: Json) => r.data.name)).toEqual(["three", "two", "one"]);
  });

  it("concurrent child writes end with the right count", async () => {
    const admin = await setup();
    const acme = await create(admin, "accounts", { name: "Acme" });
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => create(admin, "tasks", { title: `t${i}`, account: acme.id, hours: i })),
    );
    await settles(admin, acme.id, { tasks: 24, open: 24, hours: (23 * 24) / 2 });
  });

  it("cannot be written through the API", async () => {
    const admin = await setup();
    const res = await api("POST", "/crm/accounts", { token: admin.token, body: { name: "x", tasks: 3 } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: "tasks", message: "is a rollup field: its value is computed and cannot be written" },
    ]);
  });
});

describe("markDirty", () => {
  const snapshot = { form: { accounts: { default: accountsForm }, tasks: { default: tasksForm } } } as never;
  const event = (over: Record<string, unknown>) =>
    ({
      seq: 1,
      type: "record.updated",
      entity: "tasks",
      recordId: "t",
      depth: 0,
      before: { account: "a1" },
      after: { account: "a2" },
      ...over,
    }) as never;

  it("marks the old and the new parent, with the depth of the event", () => {
    const dirty = new Map();
    markDirty(dirty, event({ depth: 2 }), snapshot);
    expect([...dirty.get("accounts")!]).toEqual([
      ["a1", 2],
      ["a2", 2],
    ]);
  });

  it("does not follow a chain of computed writes past MAX_ROLLUP_DEPTH (no endless loops)", () => {
    const dirty = new Map();
    markDirty(dirty, event({ depth: MAX_ROLLUP_DEPTH }), snapshot);
    markDirty(dirty, event({ entity: "accounts" }), snapshot);
    markDirty(dirty, event({ type: "activity.created" }), snapshot);
    expect(dirty.size).toBe(0);
  });
});
