import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant } from "../helpers";

describe("dashboard metrics", () => {
  it("computes counts and sums on a known data set", async () => {
    const admin = await makeTenant();
    const post = async (entity: string, body: unknown) =>
      (await api("POST", `/crm/${entity}`, { token: admin.token, body })).body;
    const move = (entity: string, id: string, ...steps: string[]) =>
      steps.reduce(
        (p, to) => p.then(() => api("POST", `/crm/${entity}/${id}/transition`, { token: admin.token, body: { to } })),
        Promise.resolve() as Promise<unknown>,
      );
    await post("customers", { name: "A" });
    await post("customers", { name: "B" });
    const d1 = await post("deals", { name: "D1", amount: 1000 });
    await post("deals", { name: "D2", amount: 250.5 });
    const d3 = await post("deals", { name: "D3", amount: 4000 });
    const d4 = await post("deals", { name: "D4", amount: 99 });
    await move("deals", d1.id, "qualified");
    await move("deals", d3.id, "qualified", "proposal", "negotiation", "won");
    await move("deals", d4.id, "lost");
    const c1 = await post("cases", { subject: "Broken" });
    await post("cases", { subject: "Question" });
    await move("cases", c1.id, "open", "resolved");

    const res = await api("GET", "/crm/dashboard/metrics", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.customers).toEqual({ total: 2 });
    expect(res.body.deals).toMatchObject({ total: 4, open: 2, won: 1, lost: 1, pipelineValue: 1250.5, wonValue: 4000 });
    expect(res.body.deals.byStage).toEqual([
      { stage: "lead", label: "Lead", count: 1, value: 250.5 },
      { stage: "qualified", label: "Qualified", count: 1, value: 1000 },
      { stage: "won", label: "Won", count: 1, value: 4000 },
      { stage: "lost", label: "Lost", count: 1, value: 99 },
    ]);
    // The starter SLA timed both cases; resolving one met its resolution target.
    expect(res.body.cases).toMatchObject({ total: 2, open: 1, breached: 0, slaCompliance: 100 });
    expect(res.body.cases.byStatus).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: "new", count: 1 }),
        expect.objectContaining({ status: "resolved", count: 1 }),
      ]),
    );
    expect(res.body.activities).toEqual({ open: 0, overdue: 0 });
  });

  it("counts only the caller's tenant", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await api("POST", "/crm/customers", { token: a.token, body: { name: "A only" } });
    const viewer = await makeMember(b, "read_only");
    expect((await api("GET", "/crm/dashboard/metrics", { token: viewer.token })).body.customers.total).toBe(0);
  });
});
