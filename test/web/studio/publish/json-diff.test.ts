import { describe, expect, it } from "vitest";
import { jsonChanges } from "../../../../web/src/studio/publish/json-diff";
import { groupPublishErrors } from "../../../../web/src/studio/publish/publish-errors";
import { changeKind } from "../../../../web/src/studio/publish/use-pending-changes";

const id = { namespace: "view" as const, entity: "deals", key: "open" };

describe("publish diffs", () => {
  it("lists added, removed and changed properties by path", () => {
    const before = { title: "Open", columns: [{ field: "name" }, { field: "amount" }], pageSize: 50 };
    const after = { title: "Open deals", columns: [{ field: "name", width: 240 }], roles: ["agent"] };
    expect(jsonChanges(before, after)).toEqual([
      { path: "title", kind: "changed", before: "Open", after: "Open deals" },
      { path: "columns[0].width", kind: "added", after: 240 },
      { path: "columns[1]", kind: "removed", before: { field: "amount" } },
      { path: "pageSize", kind: "removed", before: 50 },
      { path: "roles", kind: "added", after: ["agent"] },
    ]);
    expect(jsonChanges({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
  });

  it("classifies a pending item with the shared snapshot diff", () => {
    expect(changeKind(id, undefined, { title: "x" })).toBe("added");
    expect(changeKind(id, { title: "x" }, undefined)).toBe("removed");
    expect(changeKind(id, { title: "x" }, { title: "y" })).toBe("modified");
    expect(changeKind(id, { title: "x" }, { title: "x" })).toBe("unchanged");
  });

  it("groups a refused publish's errors by item", () => {
    expect(
      groupPublishErrors([
        { path: "form/deals/default:fields[1].type", message: "a" },
        { path: "items[0]", message: "b" },
        { path: "form/deals/default", message: "c" },
      ]),
    ).toEqual([
      {
        item: "form/deals/default",
        ref: { namespace: "form", entity: "deals", key: "default" },
        errors: [
          { path: "fields[1].type", message: "a" },
          { path: "", message: "c" },
        ],
      },
      { item: "Other", ref: null, errors: [{ path: "items[0]", message: "b" }] },
    ]);
  });
});
