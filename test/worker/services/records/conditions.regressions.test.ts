import { describe, expect, it } from "vitest";
import type { Condition } from "../../../../worker/shared/config/condition";
import { conditionTypeIssues } from "../../../../worker/shared/config/condition-types";
import { fieldTypesOf } from "../../../../worker/shared/config/condition-scope";
import { FORM, bothSides, insertRecords, type TestRecord } from "./condition-harness";

// The shrunk counter-examples of issue 11, one record each: the evaluator and the compiled SQL
// must give the same, and the intended, answer.

const NOW = Date.parse("2026-03-15T23:30:00Z"); // 2026-03-16 in Kiritimati (UTC+14)
const DAY = 86_400_000;
let n = 0;

function record(data: Record<string, unknown>, extra: Partial<TestRecord> = {}): TestRecord {
  return {
    id: "r1",
    data,
    status: null,
    ownerId: "u1",
    createdBy: "u1",
    updatedBy: "u1",
    createdAt: NOW - DAY,
    updatedAt: NOW,
    ...extra,
  };
}

async function verdict(cond: Condition, rec: TestRecord, timeZone = "UTC"): Promise<boolean> {
  const tenantId = `t_reg_${++n}_${Math.random().toString(36).slice(2, 8)}`;
  await insertRecords(tenantId, [rec]);
  const [v] = await bothSides({ tenantId, records: [rec], conditions: [cond], now: NOW, timeZone });
  expect(v!.sql, "SQL agrees with the evaluator").toEqual(v!.js);
  return v!.js.length === 1;
}

const types = fieldTypesOf(FORM);
const refused = (cond: Condition) => conditionTypeIssues(cond, (f) => types.get(f)).length > 0;

describe("issue 11 counter-examples", () => {
  it("multiselect in: {tags in [b]} holds for [a, b]", async () => {
    expect(await verdict({ field: "ms", op: "in", value: ["b"] }, record({ ms: ["a", "b"] }))).toBe(true);
    expect(await verdict({ field: "ms", op: "nin", value: ["b"] }, record({ ms: ["a", "b"] }))).toBe(false);
    expect(await verdict({ field: "ms", op: "contains", value: "a" }, record({ ms: ["a", "b"] }))).toBe(true);
  });

  it("a date against $now is the tenant's calendar day", async () => {
    expect(await verdict({ field: "d", op: "eq", value: "$now" }, record({ d: "2026-03-15" }))).toBe(true);
    expect(
      await verdict({ field: "d", op: "eq", value: "$now" }, record({ d: "2026-03-16" }), "Pacific/Kiritimati"),
    ).toBe(true);
    expect(
      await verdict({ field: "d", op: "eq", value: "$now" }, record({ d: "2026-03-15" }), "Pacific/Kiritimati"),
    ).toBe(false);
    expect(await verdict({ field: "d", op: "lt", value: "$now-7d" }, record({ d: "2026-03-08" }))).toBe(false);
    expect(await verdict({ field: "d", op: "lt", value: "$now-7d" }, record({ d: "2026-03-07" }))).toBe(true);
  });

  it("createdAt in ms compares with an ISO instant", async () => {
    expect(await verdict({ field: "createdAt", op: "gt", value: "2026-03-14T00:00:00Z" }, record({}))).toBe(true);
    expect(await verdict({ field: "createdAt", op: "lt", value: "2026-03-14T23:30:00+01:00" }, record({}))).toBe(false);
    expect(await verdict({ field: "updatedAt", op: "gte", value: "$now" }, record({}))).toBe(true);
  });

  it("null in in/nin lists means empty", async () => {
    expect(await verdict({ field: "status", op: "nin", value: [null, "closed"] }, record({}, { status: "open" }))).toBe(
      true,
    );
    expect(await verdict({ field: "status", op: "nin", value: [null, "closed"] }, record({}, { status: null }))).toBe(
      false,
    );
    expect(await verdict({ field: "s", op: "in", value: [null, "a"] }, record({}))).toBe(true);
  });

  it("case-insensitive contains / startsWith fold beyond ASCII", async () => {
    expect(await verdict({ field: "t", op: "contains", value: "ÉCOLE" }, record({ t: "la école" }))).toBe(true);
    expect(await verdict({ field: "t", op: "startsWith", value: "école" }, record({ t: "ÉCOLE Nord" }))).toBe(true);
    expect(await verdict({ field: "t", op: "contains", value: "STRASSE" }, record({ t: "Hauptstraße" }))).toBe(true);
    expect(await verdict({ field: "em", op: "eq", value: "ä@x.com" }, record({ em: "Ä@X.com" }))).toBe(true);
  });

  it("numbers and text are never compared across types", async () => {
    expect(await verdict({ field: "t", op: "gt", value: 10 }, record({ t: "Alice" }))).toBe(false);
    expect(await verdict({ field: "b", op: "eq", value: "true" }, record({ b: true }))).toBe(false);
    expect(await verdict({ field: "n", op: "eq", value: "10" }, record({ n: 10 }))).toBe(false);
    expect(refused({ field: "t", op: "gt", value: 10 })).toBe(true);
    expect(refused({ field: "b", op: "eq", value: "true" })).toBe(true);
  });

  it("startsWith null, startsWith on a number and lenient dates match nothing", async () => {
    expect(await verdict({ field: "t", op: "startsWith", value: null }, record({ t: "abc" }))).toBe(false);
    expect(await verdict({ field: "n", op: "startsWith", value: "9" }, record({ n: 9.99 }))).toBe(false);
    expect(
      await verdict({ field: "dt", op: "gte", value: "Alice 10" }, record({ dt: "2001-10-01T00:00:00.000Z" })),
    ).toBe(false);
    expect(await verdict({ field: "createdAt", op: "gte", value: "Alice 10" }, record({}))).toBe(false);
    expect(refused({ field: "n", op: "startsWith", value: "9" })).toBe(true);
    expect(refused({ field: "dt", op: "gte", value: "Alice 10" })).toBe(true);
  });

  it("text orders by code point, as SQLite's BINARY collation does", async () => {
    expect(await verdict({ field: "t", op: "gt", value: "\uFFFD" }, record({ t: "😀" }))).toBe(true);
    expect(await verdict({ field: "t", op: "lt", value: "b" }, record({ t: "B" }))).toBe(true);
  });
});
