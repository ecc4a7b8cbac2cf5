import { describe, expect, it } from "vitest";
import {
  entitiesOf,
  getItem,
  getRawItem,
  itemsOf,
  listItems,
  removeItem,
  setItem,
  type Snapshot,
} from "../../../../worker/shared/config/snapshot";

const routing = { strategy: "round_robin", members: { role: "agent" } };
const base: Snapshot = {
  view: { deals: { b: { title: "B" }, a: { title: "A" } } },
  form: { deals: { default: { title: "Deal" } }, cases: { quick: { title: "Quick" } } },
  routing: { cases: { agents: routing } },
};

describe("snapshot helpers", () => {
  it("getItem finds an item or gives undefined", () => {
    expect(getItem(base, "routing", "cases", "agents")).toEqual(routing);
    expect(getItem(base, "routing", "cases", "nope")).toBeUndefined();
    expect(getItem(base, "sla", "cases", "agents")).toBeUndefined();
    expect(getRawItem(base, "form", "deals", "toString")).toBeUndefined();
    expect(itemsOf(base, "view", "deals")).toEqual({ a: { title: "A" }, b: { title: "B" } });
    expect(itemsOf(base, "view", "cases")).toEqual({});
  });

  it("listItems is sorted by namespace order, entity and key", () => {
    expect(listItems(base).map((i) => `${i.namespace}/${i.entity}/${i.key}`)).toEqual([
      "form/cases/quick",
      "form/deals/default",
      "view/deals/a",
      "view/deals/b",
      "routing/cases/agents",
    ]);
    expect(listItems(base)[0]).toEqual({
      namespace: "form",
      entity: "cases",
      key: "quick",
      config: { title: "Quick" },
    });
  });

  it("setItem and removeItem return new snapshots and leave the input alone", () => {
    const before = JSON.stringify(base);
    const added = setItem(base, "sla", "cases", "std", { targets: [] });
    expect(getItem(added, "sla", "cases", "std")).toEqual({ targets: [] });
    const replaced = setItem(added, "view", "deals", "a", { title: "A2" });
    expect(getItem(replaced, "view", "deals", "a")).toEqual({ title: "A2" });
    expect(getItem(replaced, "view", "deals", "b")).toEqual({ title: "B" });
    const removed = removeItem(replaced, "routing", "cases", "agents");
    expect(removed.routing).toBeUndefined();
    expect(removeItem(removed, "view", "deals", "a").view).toEqual({ deals: { b: { title: "B" } } });
    expect(removeItem(base, "view", "deals", "zzz")).toBe(base);
    expect(JSON.stringify(base)).toBe(before);
  });

  it("entitiesOf lists entities with a default form", () => {
    expect(entitiesOf(base)).toEqual(["deals"]);
    expect(entitiesOf(setItem(base, "form", "cases", "default", {}))).toEqual(["cases", "deals"]);
  });
});
