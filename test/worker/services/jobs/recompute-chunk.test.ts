import { describe, expect, it } from "vitest";
import { entitiesToRecompute } from "../../../../worker/services/jobs/recompute-chunk";
import { api, eventually, makeTenant, publishConfig, tenantD1, type Json } from "../../helpers";

const baseForm = {
  title: "Project",
  fields: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "amount", label: "Amount", type: "number" },
  ],
};
const withFormula = (formula: string) => ({
  ...baseForm,
  fields: [...baseForm.fields, { name: "score", label: "Score", type: "formula", formula, resultType: "number" }],
});

describe("entitiesToRecompute", () => {
  const snap = (form: unknown) => ({ form: { projects: { default: form } } }) as never;
  it("names entities whose formula or roll-up definitions a publish changed", () => {
    expect(entitiesToRecompute(snap(baseForm), snap(withFormula("amount * 2")))).toEqual(["projects"]);
    expect(entitiesToRecompute(snap(withFormula("amount * 2")), snap(withFormula("amount * 3")))).toEqual(["projects"]);
    expect(entitiesToRecompute(snap(withFormula("amount * 2")), snap(withFormula("amount * 2")))).toEqual([]);
    expect(entitiesToRecompute(snap(withFormula("amount * 2")), snap(baseForm))).toEqual([]);
  });
});

// Thousands of records: generous timeouts for a loaded machine (the test waits on conditions).
describe("publish recompute", { timeout: 600_000 }, () => {
  it("a formula change recomputes 10,000 existing records in background chunks; reads answer meanwhile", async () => {
    const admin = await makeTenant();
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: baseForm }])).status,
    ).toBe(200);
    const d1 = await tenantD1(admin.tenantId);
    const N = 10_000;
    // Bulk setup in SQL: records written before the formula existed.
    await d1
      .prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO records
        (id, tenant_id, entity, data, version, owner_id, created_at, updated_at, created_by, updated_by, fold)
      SELECT printf('rec_bulk%05d', i), ?, 'projects', json_object('name', 'p' || i, 'amount', i), 1, ?, i, i, ?, ?,
        '{}' FROM n`)
      .bind(N, admin.tenantId, admin.userId, admin.userId, admin.userId)
      .run();

    expect(
      (
        await publishConfig(admin, [
          { ns: "form", entity: "projects", key: "default", config: withFormula("amount * 2 + 1") },
        ])
      ).status,
    ).toBe(200);
    const jobs = await api("GET", "/crm/jobs", { token: admin.token });
    const job = jobs.body.items.find((j: Json) => j.kind === "recompute");
    expect(job).toMatchObject({ kind: "recompute", entity: "projects", total: N });

    let readsWhileRunning = 0;
    const finished = await eventually(
      async () => {
        const state = (await api("GET", `/crm/jobs/${job.id}`, { token: admin.token })).body;
        if (state.state === "succeeded") return state;
        const page = await api("GET", "/crm/projects?limit=5", { token: admin.token });
        expect(page.status).toBe(200);
        expect(page.body.items).toHaveLength(5);
        readsWhileRunning++;
        return undefined;
      },
      540_000,
      "the recompute job to finish",
    );
    expect(finished).toMatchObject({ state: "succeeded", done: N, total: N });
    expect(readsWhileRunning).toBeGreaterThan(0);

    const row = await d1
      .prepare(`SELECT count(*) AS n FROM records WHERE tenant_id = ? AND entity = 'projects'
      AND json_extract(data, '$.score') = json_extract(data, '$.amount') * 2 + 1`)
      .bind(admin.tenantId)
      .first<{ n: number }>();
    expect(row!.n).toBe(N);
    const one = await api("GET", "/crm/projects/rec_bulk00042", { token: admin.token });
    expect(one.body.data).toMatchObject({ amount: 42, score: 85 });
  });
});

describe("publish recompute of a new roll-up", { timeout: 120_000 }, () => {
  it("fills a roll-up added to an entity whose records already have children", async () => {
    const admin = await makeTenant();
    const tasks = {
      title: "Task",
      fields: [
        { name: "title", label: "Title", type: "text", required: true },
        { name: "project", label: "Project", type: "reference", entity: "projects" },
      ],
    };
    expect(
      (
        await publishConfig(admin, [
          { ns: "form", entity: "projects", key: "default", config: baseForm },
          { ns: "form", entity: "tasks", key: "default", config: tasks },
        ])
      ).status,
    ).toBe(200);
    const made = await Promise.all(
      [1, 2, 3].map(
        async (i) =>
          (await api("POST", "/crm/projects", { token: admin.token, body: { name: `p${i}`, amount: i } })).body,
      ),
    );
    for (const [i, p] of made.entries()) {
      for (let k = 0; k <= i; k++)
        expect(
          (await api("POST", "/crm/tasks", { token: admin.token, body: { title: `t${k}`, project: p.id } })).status,
        ).toBe(201);
    }
    const withRollup = {
      ...baseForm,
      fields: [
        ...baseForm.fields,
        { name: "taskCount", label: "Tasks", type: "rollup", rollup: { entity: "tasks", via: "project", op: "count" } },
        {
          name: "perAmount",
          label: "Per amount",
          type: "formula",
          formula: "taskCount / amount",
          resultType: "number",
        },
      ],
    };
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: withRollup }])).status,
    ).toBe(200);
    await eventually(
      async () => {
        const items = (await api("GET", "/crm/projects?sort=name", { token: admin.token })).body.items as Json[];
        return items.map((r) => r.data.taskCount).join() === "1,2,3" && items;
      },
      30_000,
      "the roll-up to be filled in",
    );
    const items = (await api("GET", "/crm/projects?sort=name", { token: admin.token })).body.items as Json[];
    expect(items.map((r) => r.data.perAmount)).toEqual([1, 1, 1]);
    // The job finishes on the wake after its last records (an empty chunk).
    const jobs = await eventually(
      async () => {
        const list = ((await api("GET", "/crm/jobs", { token: admin.token })).body.items as Json[]).filter(
          (j) => j.kind === "recompute",
        );
        return list.every((j) => j.state === "succeeded") && list;
      },
      30_000,
      "the recompute job to finish",
    );
    expect(jobs).toEqual([expect.objectContaining({ entity: "projects", state: "succeeded", total: 3, done: 3 })]);
  });
});
