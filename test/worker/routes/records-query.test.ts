import { beforeAll, describe, expect, it } from "vitest";
import { api, makeTenant, publishConfig, type Session } from "../helpers";

// A custom entity with one field of each queryable kind, and a small known data set.
const form = {
  title: "Item",
  fields: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "qty", label: "Qty", type: "number" },
    {
      name: "color",
      label: "Color",
      type: "select",
      options: ["red", "green", "blue"].map((v) => ({ value: v, label: v })),
    },
    { name: "tags", label: "Tags", type: "multiselect", options: ["a", "b", "c"].map((v) => ({ value: v, label: v })) },
    { name: "due", label: "Due", type: "date" },
    { name: "active", label: "Active", type: "boolean" },
    { name: "notes", label: "Notes", type: "textarea" },
  ],
};
const ITEMS = [
  {
    name: "Alpha",
    qty: 5,
    color: "red",
    tags: ["a", "b"],
    due: "2026-01-10",
    active: true,
    notes: "Quarterly review of the widget",
  },
  { name: "Beta", qty: 10, color: "green", tags: ["b"], due: "2026-02-01", active: false, notes: "Gadget rollout" },
  { name: "Gamma", qty: 15, color: "blue", tags: [], due: "2026-03-15", active: true },
  { name: "alphabet soup", qty: 20, color: "red", tags: ["c"], active: false, notes: "Crème brûlée recipe" },
  { name: "Delta" },
];

let admin: Session;
const names = (res: { body: { items: { data: { name: string } }[] } }) => res.body.items.map((i) => i.data.name);
const where = (cond: unknown, extra = "") =>
  api("GET", `/crm/items?sort=name&where=${encodeURIComponent(JSON.stringify(cond))}${extra}`, { token: admin.token });

beforeAll(async () => {
  admin = await makeTenant();
  const res = await publishConfig(admin, [
    { ns: "form", entity: "items", key: "default", config: form },
    {
      ns: "view",
      entity: "items",
      key: "big",
      config: {
        title: "Big",
        type: "table",
        columns: [{ field: "name" }, { field: "qty" }],
        filter: { field: "qty", op: "gte", value: 10 },
        sort: [{ field: "qty", dir: "desc" }],
      },
    },
  ]);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  for (const item of ITEMS) {
    const created = await api("POST", "/crm/items", { token: admin.token, body: item });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  }
});

describe("filter operators", () => {
  it.each([
    ["eq", { field: "color", op: "eq", value: "red" }, ["Alpha", "alphabet soup"]],
    ["neq (includes empty)", { field: "color", op: "neq", value: "red" }, ["Beta", "Delta", "Gamma"]],
    ["gt", { field: "qty", op: "gt", value: 10 }, ["Gamma", "alphabet soup"]],
    ["gte", { field: "qty", op: "gte", value: 10 }, ["Beta", "Gamma", "alphabet soup"]],
    ["lt", { field: "qty", op: "lt", value: 10 }, ["Alpha"]],
    ["lte", { field: "qty", op: "lte", value: 10 }, ["Alpha", "Beta"]],
    ["in", { field: "color", op: "in", value: ["green", "blue"] }, ["Beta", "Gamma"]],
    ["nin (includes empty)", { field: "color", op: "nin", value: ["red", "green"] }, ["Delta", "Gamma"]],
    ["contains on text, case-insensitive", { field: "notes", op: "contains", value: "WIDGET" }, ["Alpha"]],
    ["contains on multiselect", { field: "tags", op: "contains", value: "b" }, ["Alpha", "Beta"]],
    ["startsWith, case-insensitive", { field: "name", op: "startsWith", value: "alp" }, ["Alpha", "alphabet soup"]],
    ["startsWith treats % literally", { field: "name", op: "startsWith", value: "%" }, []],
    ["isEmpty", { field: "notes", op: "isEmpty" }, ["Delta", "Gamma"]],
    ["isEmpty on multiselect", { field: "tags", op: "isEmpty" }, ["Delta", "Gamma"]],
    ["isNotEmpty", { field: "due", op: "isNotEmpty" }, ["Alpha", "Beta", "Gamma"]],
    ["boolean eq", { field: "active", op: "eq", value: true }, ["Alpha", "Gamma"]],
    [
      "date range",
      {
        all: [
          { field: "due", op: "gte", value: "2026-01-15" },
          { field: "due", op: "lt", value: "2026-03-01" },
        ],
      },
      ["Beta"],
    ],
    [
      "any",
      {
        any: [
          { field: "qty", op: "eq", value: 5 },
          { field: "color", op: "eq", value: "blue" },
        ],
      },
      ["Alpha", "Gamma"],
    ],
    ["not", { not: { field: "color", op: "eq", value: "red" } }, ["Beta", "Delta", "Gamma"]],
    [
      "system field ownerId = $user",
      { field: "ownerId", op: "eq", value: "$user" },
      ["Alpha", "Beta", "Delta", "Gamma", "alphabet soup"],
    ],
    [
      "createdAt after $now-1d",
      { field: "createdAt", op: "gt", value: "$now-1d" },
      ["Alpha", "Beta", "Delta", "Gamma", "alphabet soup"],
    ],
    ["createdAt before $now-1d", { field: "createdAt", op: "lt", value: "$now-1d" }, []],
  ])("%s", async (_name, cond, expected) => {
    const res = await where(cond);
    expect(res.status).toBe(200);
    expect(names(res).sort()).toEqual([...expected].sort());
  });

  it("refuses unknown fields, trigger-only ops and malformed conditions with 400", async () => {
    expect((await where({ field: "nope", op: "eq", value: 1 })).status).toBe(400);
    expect((await where({ field: "qty", op: "changed" })).status).toBe(400);
    expect((await where({ field: "qty", op: "in", value: 3 })).status).toBe(400);
    expect((await api("GET", "/crm/items?where=%7Bnot-json", { token: admin.token })).status).toBe(400);
  });

  it("refuses a condition that needs more than 100 bound values", async () => {
    const res = await where({ field: "qty", op: "in", value: Array.from({ length: 150 }, (_, i) => i) });
    expect(res.status).toBe(400);
  });
});

describe("views, sorting and search", () => {
  it("applies the view's filter and sort", async () => {
    expect(names(await api("GET", "/crm/items?view=big", { token: admin.token }))).toEqual([
      "alphabet soup",
      "Gamma",
      "Beta",
    ]);
    expect((await api("GET", "/crm/items?view=nope", { token: admin.token })).status).toBe(404);
  });

  it("sorts by several fields, empty values first ascending and last descending", async () => {
    expect(names(await api("GET", "/crm/items?sort=-qty", { token: admin.token }))).toEqual([
      "alphabet soup",
      "Gamma",
      "Beta",
      "Alpha",
      "Delta",
    ]);
    expect(names(await api("GET", "/crm/items?sort=color,-qty", { token: admin.token }))).toEqual([
      "Delta",
      "Gamma",
      "Beta",
      "alphabet soup",
      "Alpha",
    ]);
    expect((await api("GET", "/crm/items?sort=bogus", { token: admin.token })).status).toBe(400);
  });

  it("finds records by words and prefixes, ignoring case and accents", async () => {
    expect(names(await api("GET", "/crm/items?q=widget", { token: admin.token }))).toEqual(["Alpha"]);
    expect(names(await api("GET", "/crm/items?q=gadg", { token: admin.token }))).toEqual(["Beta"]);
    expect(names(await api("GET", "/crm/items?q=creme%20brulee", { token: admin.token }))).toEqual(["alphabet soup"]);
    expect(names(await api("GET", "/crm/items?q=%22%29%28*", { token: admin.token }))).toEqual([]);
  });

  it("keeps search in sync with updates and deletes", async () => {
    const created = await api("POST", "/crm/items", { token: admin.token, body: { name: "Zeta", notes: "sprocket" } });
    expect(names(await api("GET", "/crm/items?q=sprocket", { token: admin.token }))).toEqual(["Zeta"]);
    await api("PATCH", `/crm/items/${created.body.id}`, { token: admin.token, body: { notes: "flywheel" } });
    expect(names(await api("GET", "/crm/items?q=sprocket", { token: admin.token }))).toEqual([]);
    expect(names(await api("GET", "/crm/items?q=flywheel", { token: admin.token }))).toEqual(["Zeta"]);
    await api("DELETE", `/crm/items/${created.body.id}`, { token: admin.token });
    expect(names(await api("GET", "/crm/items?q=flywheel", { token: admin.token }))).toEqual([]);
  });

  it("does not find another tenant's records", async () => {
    const other = await makeTenant();
    await publishConfig(other, [{ ns: "form", entity: "items", key: "default", config: form }]);
    expect((await api("GET", "/crm/items?q=widget", { token: other.token })).body.items).toEqual([]);
  });
});

describe("keyset pagination", () => {
  it("pages through every record exactly once while others insert concurrently", async () => {
    const t = await makeTenant();
    await publishConfig(t, [{ ns: "form", entity: "items", key: "default", config: form }]);
    for (let i = 0; i < 12; i++)
      await api("POST", "/crm/items", { token: t.token, body: { name: `n${String(i).padStart(2, "0")}`, qty: i % 4 } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const page: { body: { items: { data: { name: string } }[]; nextCursor: string | null } } = await api(
        "GET",
        `/crm/items?sort=qty,name&limit=5${cursor ? `&cursor=${cursor}` : ""}`,
        { token: t.token },
      );
      seen.push(...names(page));
      cursor = page.body.nextCursor;
      // New rows sort before and after the cursor; neither may shift or repeat what follows.
      await api("POST", "/crm/items", {
        token: t.token,
        body: { name: `late${inserted++}`, qty: inserted % 2 ? -1 : 99 },
      });
    } while (cursor);
    const original = seen.filter((n) => n.startsWith("n"));
    expect(new Set(seen).size).toBe(seen.length);
    expect(original).toHaveLength(12);
    expect(original).toEqual(
      [...original].sort((a, b) => (Number(a.slice(1)) % 4) - (Number(b.slice(1)) % 4) || a.localeCompare(b)),
    );
  });

  it("pages through empty values in both directions without losing or repeating a row", async () => {
    for (const sort of ["due,name", "-due,name", "color,-qty", "-color,qty"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { data: { name: string } }[]; nextCursor: string | null } } = await api(
          "GET",
          `/crm/items?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
          { token: admin.token },
        );
        seen.push(...names(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = names(await api("GET", `/crm/items?sort=${sort}&limit=200`, { token: admin.token }));
      expect([sort, seen]).toEqual([sort, all]);
    }
  });

  it("refuses a cursor from another sort or a forged one", async () => {
    const page = await api("GET", "/crm/items?sort=name&limit=2", { token: admin.token });
    expect(
      (await api("GET", `/crm/items?sort=-qty&limit=2&cursor=${page.body.nextCursor}`, { token: admin.token })).status,
    ).toBe(400);
    expect((await api("GET", "/crm/items?cursor=garbage", { token: admin.token })).status).toBe(400);
  });

  it("caps limit at 200", async () => {
    expect((await api("GET", "/crm/items?limit=201", { token: admin.token })).status).toBe(400);
  });
});
