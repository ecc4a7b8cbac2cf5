import { describe, expect, it } from "vitest";
import { deltaBetween, diffSnapshots } from "../../../../worker/shared/config/diff";
import { removeItem, setItem, type Snapshot } from "../../../../worker/shared/config/snapshot";
import { starterSnapshot } from "../../../../worker/shared/config/starter";

const from: Snapshot = {
  form: { deals: { default: { title: "Deal", fields: [] } } },
  view: { deals: { all: { title: "All", type: "table" }, old: { title: "Old" } } },
};
let to = setItem(from, "view", "deals", "all", { type: "table", title: "Every deal" });
to = removeItem(to, "view", "deals", "old");
to = setItem(to, "routing", "deals", "sales", { strategy: "least_open" });
to = setItem(to, "form", "deals", "default", { fields: [], title: "Deal" }); // same content, other key order

describe("diffSnapshots", () => {
  it("lists added, removed and modified items in a deterministic order", () => {
    expect(diffSnapshots(from, to)).toEqual([
      {
        namespace: "view",
        entity: "deals",
        key: "all",
        change: "modified",
        before: { title: "All", type: "table" },
        after: { type: "table", title: "Every deal" },
      },
      { namespace: "view", entity: "deals", key: "old", change: "removed", before: { title: "Old" } },
      { namespace: "routing", entity: "deals", key: "sales", change: "added", after: { strategy: "least_open" } },
    ]);
  });

  it("is empty between equal snapshots and lists everything from nothing", () => {
    expect(diffSnapshots(starterSnapshot(), starterSnapshot())).toEqual([]);
    const all = diffSnapshots({}, from);
    expect(all.map((c) => `${c.change} ${c.namespace}/${c.entity}/${c.key}`)).toEqual([
      "added form/deals/default",
      "added view/deals/all",
      "added view/deals/old",
    ]);
  });
});

describe("deltaBetween", () => {
  it("gives the items to set and to remove", () => {
    expect(deltaBetween(from, to)).toEqual({
      set: [
        { namespace: "view", entity: "deals", key: "all", config: { type: "table", title: "Every deal" } },
        { namespace: "routing", entity: "deals", key: "sales", config: { strategy: "least_open" } },
      ],
      removed: [{ namespace: "view", entity: "deals", key: "old" }],
    });
  });

  it("applied to the old snapshot, gives the new one", () => {
    const delta = deltaBetween(from, to);
    let applied = from;
    for (const s of delta.set) applied = setItem(applied, s.namespace, s.entity, s.key, s.config);
    for (const r of delta.removed) applied = removeItem(applied, r.namespace, r.entity, r.key);
    expect(diffSnapshots(applied, to)).toEqual([]);
  });
});
