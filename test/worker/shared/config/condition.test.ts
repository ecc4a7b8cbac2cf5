import { describe, expect, it } from "vitest";
import { conditionRefs, conditionSchema, triggerConditionSchema } from "../../../../worker/shared/config/condition";
import { issuesToErrors } from "../../../../worker/shared/config/issues";

function problems(value: unknown, schema = conditionSchema): { path: string; message: string }[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : issuesToErrors(parsed.error.issues);
}
const paths = (value: unknown, schema = conditionSchema) => problems(value, schema).map((p) => p.path);

describe("conditionSchema", () => {
  it("accepts leaves, groups, not, refs and value tokens", () => {
    const ok = [
      { field: "priority", op: "eq", value: "high" },
      { field: "status", op: "nin", value: ["won", "lost"] },
      { field: "firstResponseAt", op: "isNotEmpty" },
      { field: "createdAt", op: "gt", value: "$now-7d" },
      { field: "dueAt", op: "lt", value: "$now+2h" },
      { field: "ownerId", op: "eq", value: "$user" },
      { field: "price", op: "eq", value: "$5" },
      { all: [{ any: [{ not: { field: "x", op: "isEmpty" } }, { ref: "vip" }] }] },
      { all: [] },
    ];
    for (const cond of ok) expect(problems(cond), JSON.stringify(cond)).toEqual([]);
  });

  it("rejects a value on isEmpty / isNotEmpty", () => {
    expect(paths({ field: "x", op: "isEmpty", value: 1 })).toEqual(["value"]);
  });

  it("requires lists for in / nin and single values elsewhere", () => {
    expect(paths({ field: "status", op: "in", value: "won" })).toEqual(["value"]);
    expect(paths({ field: "status", op: "eq", value: ["won"] })).toEqual(["value"]);
    expect(paths({ field: "status", op: "eq" })).toEqual(["value"]);
    expect(paths({ field: "n", op: "gt", value: true })).toEqual(["value"]);
  });

  it("rejects changed / changedTo outside triggers, and allows them in a trigger's when", () => {
    const cond = { all: [{ field: "status", op: "changedTo", value: "won" }] };
    expect(problems(cond)).toEqual([
      { path: "all[0].op", message: expect.stringContaining("only allowed in a trigger") },
    ]);
    expect(problems(cond, triggerConditionSchema)).toEqual([]);
    expect(paths({ field: "status", op: "changed" }, triggerConditionSchema)).toEqual([]);
    expect(paths({ field: "status", op: "changed", value: "x" }, triggerConditionSchema)).toEqual(["value"]);
  });

  it("rejects unknown ops, unknown tokens, mixed shapes and unknown properties with precise paths", () => {
    expect(paths({ field: "x", op: "like", value: "a" })).toEqual(["op"]);
    expect(paths({ field: "x", op: "gt", value: "$yesterday" })).toEqual(["value"]);
    expect(paths({ field: "x", op: "in", value: ["a", "$nowish"] })).toEqual(["value[1]"]);
    expect(paths({ field: "x", op: "eq", value: 1, all: [] })).toEqual([""]);
    expect(paths({ any: [{ field: "x", op: "eq", value: 1, colour: "red" }] })).toEqual(["any[0].colour"]);
    expect(paths({ not: { op: "eq", value: 1 } })).toEqual(["not.field"]);
    expect(paths({ field: "1bad", op: "eq", value: 1 })).toEqual(["field"]);
    expect(paths({ ref: "Not-A-Key" })).toEqual(["ref"]);
    expect(paths({})).toEqual([""]);
    expect(paths("priority = high")).toEqual([""]);
  });
});

describe("conditionRefs", () => {
  it("lists the named conditions referred to", () => {
    expect(conditionRefs({ any: [{ ref: "a" }, { not: { ref: "b" } }, { ref: "a" }] })).toEqual(["a", "b"]);
  });
});
