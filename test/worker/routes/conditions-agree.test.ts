import { describe, expect, it } from "vitest";
import { api, eventually, makeTenant, publishConfig, runsOf, type Session } from "../helpers";

// One condition, published as a view's filter (SQL), a trigger's `when` (the evaluator in the
// tenant object), an approval's `when` and an SLA policy's `when`: each must pick the same
// records. The condition mixes what used to disagree: non-ASCII case folding, null in a list,
// a currency bound, a case-insensitive e-mail and createdAt against a relative $now.

const CONDITION = {
  all: [
    { field: "createdAt", op: "gte", value: "$now-1d" },
    {
      any: [
        { field: "name", op: "contains", value: "ÉCOLE" },
        {
          all: [
            { field: "tier", op: "in", value: [null, "gold"] },
            { field: "revenue", op: "gte", value: 1000 },
          ],
        },
        { field: "email", op: "eq", value: "jörg@bücher.de" },
      ],
    },
  ],
};

const CUSTOMERS = [
  { name: "La petite école", tier: "silver" }, // folded contains
  { name: "ÉCOLE Nord", tier: "bronze" }, // non-ASCII upper case
  { name: "Ecole sans accent", tier: "bronze" }, // no: "e" is not "é"
  { name: "Gold & big", tier: "gold", revenue: 5000 },
  { name: "No tier, big", tier: null, revenue: 1000 }, // null in the list (tier has a default)
  { name: "Gold, small", tier: "gold", revenue: 999.99 },
  { name: "Silver, big", tier: "silver", revenue: 10_000 },
  { name: "Jörg", email: "Jörg@BÜCHER.de", tier: "bronze" }, // e-mail compared case-folded
  { name: "Other mail", email: "jorg@bucher.de", tier: "bronze" },
  { name: "Plain", tier: "bronze" },
];
const EXPECTED = ["La petite école", "ÉCOLE Nord", "Gold & big", "No tier, big", "Jörg"];

async function setup(): Promise<Session> {
  const admin = await makeTenant();
  const res = await publishConfig(admin, [
    {
      ns: "view",
      entity: "customers",
      key: "agree",
      config: { title: "Agree", type: "table", columns: [{ field: "name" }], filter: CONDITION, pageSize: 100 },
    },
    { ns: "trigger", entity: "customers", key: "matched", config: { on: "create", when: CONDITION } },
    { ns: "action", entity: "customers", key: "mark", config: { type: "update_record", set: { notes: "matched" } } },
    { ns: "automation", entity: "customers", key: "mark", config: { trigger: "matched", actions: ["mark"] } },
    {
      ns: "approval",
      entity: "customers",
      key: "review",
      config: { when: CONDITION, steps: [{ name: "Manager", approvers: { role: "manager" }, mode: "any" }] },
    },
    {
      ns: "sla",
      entity: "customers",
      key: "follow",
      config: {
        when: CONDITION,
        targets: [{ metric: "first_call", minutes: 600, stopWhen: { field: "company", op: "isNotEmpty" } }],
      },
    },
  ]);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return admin;
}

describe("a view, an automation, an approval and an SLA with the same condition", () => {
  it("pick exactly the same records", async () => {
    const admin = await setup();
    const ids = new Map<string, string>();
    for (const body of CUSTOMERS) {
      const res = await api("POST", "/crm/customers", { token: admin.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.set(res.body.id, body.name);
    }
    const names = (list: string[]) => list.map((id) => ids.get(id)).sort();
    const expected = [...EXPECTED].sort();

    const view = await api("GET", "/crm/customers?view=agree&limit=100", { token: admin.token });
    expect(view.status).toBe(200);
    const listed = view.body.items.map((r: { id: string }) => r.id) as string[];
    expect(names(listed)).toEqual(expected);

    const runs = await eventually(
      async () => {
        const all = await runsOf(admin);
        return all.length >= EXPECTED.length && all.every((r) => r.status === "succeeded") ? all : undefined;
      },
      8000,
      "automation runs",
    );
    expect(runs).toHaveLength(EXPECTED.length);
    const marked: string[] = [];
    for (const id of ids.keys()) {
      if ((await api("GET", `/crm/customers/${id}`, { token: admin.token })).body.data.notes === "matched")
        marked.push(id);
    }
    expect(names(marked), "the automation fired for exactly the listed records").toEqual(expected);

    const requests = (await api("GET", "/crm/approvals?status=pending", { token: admin.token })).body.items as {
      recordId: string;
    }[];
    expect(names(requests.map((r) => r.recordId))).toEqual(expected);

    const timed = await eventually(
      async () => {
        const withTimers: string[] = [];
        for (const id of ids.keys()) {
          const timers = (await api("GET", `/crm/customers/${id}/sla`, { token: admin.token })).body
            .timers as unknown[];
          if (timers.length > 0) withTimers.push(id);
        }
        return withTimers.length >= EXPECTED.length ? withTimers : undefined;
      },
      8000,
      "SLA timers",
    );
    expect(names(timed)).toEqual(expected);
  });
});
