import { describe, expect, it } from "vitest";
import { entitiesOf, getItem, listItems } from "../../../../worker/shared/config/snapshot";
import { demoSnapshot, starterSnapshot } from "../../../../worker/shared/config/starter";
import { validateSnapshot } from "../../../../worker/shared/config/validate";

describe("starterSnapshot", () => {
  it("validates with zero errors", () => {
    expect(validateSnapshot(starterSnapshot())).toEqual([]);
  });

  it("gives a new tenant customers, deals and cases with their views, workflows and SLAs", () => {
    const s = starterSnapshot();
    expect(entitiesOf(s)).toEqual(["cases", "customers", "deals"]);
    expect(Object.keys(s.view?.deals ?? {}).sort()).toEqual(["all", "open", "pipeline"]);
    expect(getItem(s, "view", "deals", "pipeline")).toMatchObject({ type: "kanban", groupBy: "status" });
    expect(getItem(s, "workflow", "deals", "default")?.steps.map((st) => [st.key, st.probability])).toEqual([
      ["lead", 10],
      ["qualified", 25],
      ["proposal", 50],
      ["negotiation", 75],
      ["won", 100],
      ["lost", 0],
    ]);
    expect(getItem(s, "sla", "cases", "standard")).toMatchObject({ calendar: "business_hours", warnAtPercent: [75] });
    expect(getItem(s, "calendar", "tenant", "business_hours")?.timezone).toBe("America/New_York");
    expect(getItem(s, "theme", "tenant", "default")).toEqual({
      name: "Pulse-8",
      colors: { primary: "#4f46e5", accent: "#0ea5e9" },
      defaultMode: "system",
    });
    expect(getItem(s, "routing", "cases", "agents")).toEqual({ strategy: "round_robin", members: { role: "agent" } });
  });

  it("protects revenue: agents read it, only managers write it", () => {
    const revenue = getItem(starterSnapshot(), "form", "customers", "default")?.fields.find(
      (f) => f.name === "revenue",
    );
    expect(revenue?.access).toEqual({ read: "agent", write: "manager" });
  });

  it("has no automations, and each call returns a fresh copy", () => {
    const a = starterSnapshot();
    expect(a.automation).toBeUndefined();
    a.form!.customers!.default = {};
    expect(getItem(starterSnapshot(), "form", "customers", "default")?.title).toBe("Customer");
  });
});

describe("demoSnapshot", () => {
  it("validates with zero errors", () => {
    expect(validateSnapshot(demoSnapshot())).toEqual([]);
  });

  it("is the starter plus automations with their triggers, conditions and actions", () => {
    const demo = demoSnapshot();
    const starterIds = listItems(starterSnapshot()).map((i) => `${i.namespace}/${i.entity}/${i.key}`);
    const demoIds = listItems(demo).map((i) => `${i.namespace}/${i.entity}/${i.key}`);
    expect(demoIds).toEqual(expect.arrayContaining(starterIds));
    expect(getItem(demo, "automation", "deals", "won_kickoff")).toMatchObject({
      trigger: "won",
      actions: ["kickoff_activity"],
    });
    expect(getItem(demo, "trigger", "deals", "won")).toEqual({
      on: "update",
      when: { field: "status", op: "changedTo", value: "won" },
    });
    expect(getItem(demo, "automation", "cases", "urgent_alert")?.conditions).toEqual(["urgent"]);
  });
});
