import { describe, expect, it } from "vitest";
import type { Condition } from "../../../../worker/shared/config/condition";
import { conditionFields, evaluateCondition, type EvalContext } from "../../../../worker/shared/config/evaluate";

const NOW = Date.parse("2026-03-15T12:00:00Z");
const DAY = 86_400_000;

function holds(cond: Condition, record: Record<string, unknown>, extra: Partial<EvalContext> = {}): boolean {
  return evaluateCondition(cond, { record, now: NOW, ...extra });
}

describe("evaluateCondition: comparisons", () => {
  it("eq / neq are exact; a value of another type never matches", () => {
    expect(holds({ field: "priority", op: "eq", value: "high" }, { priority: "high" })).toBe(true);
    expect(holds({ field: "priority", op: "eq", value: "high" }, { priority: "low" })).toBe(false);
    expect(holds({ field: "priority", op: "neq", value: "high" }, { priority: "low" })).toBe(true);
    expect(holds({ field: "amount", op: "eq", value: 10 }, { amount: 10 })).toBe(true);
    expect(holds({ field: "amount", op: "eq", value: 10 }, { amount: "10" })).toBe(false);
    expect(holds({ field: "vip", op: "eq", value: true }, { vip: "true" })).toBe(false);
    expect(holds({ field: "vip", op: "eq", value: "true" }, { vip: true })).toBe(false);
    expect(holds({ field: "missing", op: "eq", value: null }, {})).toBe(true);
    expect(holds({ field: "missing", op: "neq", value: "x" }, {})).toBe(true);
  });

  it("gt / gte / lt / lte compare numbers numerically and text by code point", () => {
    expect(holds({ field: "discount", op: "gt", value: 20 }, { discount: 25 })).toBe(true);
    expect(holds({ field: "discount", op: "gt", value: 20 }, { discount: 20 })).toBe(false);
    expect(holds({ field: "discount", op: "gte", value: 20 }, { discount: 20 })).toBe(true);
    expect(holds({ field: "code", op: "lt", value: "9" }, { code: "10" }), "text order").toBe(true);
    expect(holds({ field: "amount", op: "lte", value: 10 }, { amount: "10" }), "never across types").toBe(false);
    expect(holds({ field: "name", op: "gt", value: 10 }, { name: "Alice" })).toBe(false);
    expect(holds({ field: "amount", op: "gt", value: 1 }, {})).toBe(false);
  });

  it("in / nin take lists; a multiselect is in a list when any of its values is", () => {
    expect(holds({ field: "status", op: "in", value: ["won", "lost"] }, { status: "won" })).toBe(true);
    expect(holds({ field: "status", op: "nin", value: ["won", "lost"] }, { status: "won" })).toBe(false);
    expect(holds({ field: "status", op: "nin", value: ["won", "lost"] }, { status: "lead" })).toBe(true);
    expect(holds({ field: "tags", op: "in", value: ["vip"] }, { tags: ["new", "vip"] })).toBe(true);
    expect(holds({ field: "tags", op: "nin", value: ["vip"] }, { tags: ["new"] })).toBe(true);
  });

  it("contains and startsWith ignore case; contains on a multiselect means includes", () => {
    expect(holds({ field: "name", op: "contains", value: "ACME" }, { name: "The Acme Corp" })).toBe(true);
    expect(holds({ field: "name", op: "contains", value: "globex" }, { name: "Acme" })).toBe(false);
    expect(holds({ field: "name", op: "startsWith", value: "the" }, { name: "The Acme Corp" })).toBe(true);
    expect(holds({ field: "name", op: "startsWith", value: "acme" }, { name: "The Acme Corp" })).toBe(false);
    expect(holds({ field: "tags", op: "contains", value: "vip" }, { tags: ["vip", "new"] })).toBe(true);
    expect(holds({ field: "tags", op: "contains", value: "vi" }, { tags: ["vip"] })).toBe(false);
  });

  it("isEmpty / isNotEmpty treat missing, null, empty text and [] as empty", () => {
    for (const empty of [undefined, null, "", []]) {
      expect(holds({ field: "x", op: "isEmpty" }, { x: empty })).toBe(true);
      expect(holds({ field: "x", op: "isNotEmpty" }, { x: empty })).toBe(false);
    }
    expect(holds({ field: "x", op: "isNotEmpty" }, { x: 0 })).toBe(true);
    expect(holds({ field: "x", op: "isNotEmpty" }, { x: false })).toBe(true);
  });
});

describe("evaluateCondition: dates and tokens", () => {
  it("$now-7d compares dates as instants", () => {
    const recent = { field: "createdAt", op: "gt", value: "$now-7d" } as const;
    expect(holds(recent, { createdAt: new Date(NOW - 2 * DAY).toISOString() })).toBe(true);
    expect(holds(recent, { createdAt: new Date(NOW - 8 * DAY).toISOString() })).toBe(false);
    expect(holds({ field: "closeDate", op: "lt", value: "$now" }, { closeDate: "2026-03-14" })).toBe(true);
    expect(holds({ field: "closeDate", op: "lt", value: "$now" }, { closeDate: "2026-03-16" })).toBe(false);
  });

  it("supports m, h, d and w units and future offsets", () => {
    const at = (ms: number) => ({ t: new Date(ms).toISOString() });
    expect(holds({ field: "t", op: "gt", value: "$now-30m" }, at(NOW - 10 * 60_000))).toBe(true);
    expect(holds({ field: "t", op: "gt", value: "$now-4h" }, at(NOW - 5 * 3_600_000))).toBe(false);
    expect(holds({ field: "t", op: "gt", value: "$now-2w" }, at(NOW - 10 * DAY))).toBe(true);
    expect(holds({ field: "t", op: "lt", value: "$now+1d" }, at(NOW + 3_600_000))).toBe(true);
    expect(holds({ field: "t", op: "lt", value: "$now" }, at(NOW + 1)), "now as a Date also works").toBe(false);
    expect(
      evaluateCondition({ field: "t", op: "lt", value: "$now" }, { record: at(NOW - 1), now: new Date(NOW) }),
    ).toBe(true);
  });

  it("compares ISO strings with different offsets as the same instant", () => {
    const cond = { field: "t", op: "eq", value: "2026-03-15T12:00:00Z" } as const;
    expect(holds(cond, { t: "2026-03-15T08:00:00-04:00" })).toBe(true);
  });

  it("$user is the current user, and matches nothing without one", () => {
    const mine = { field: "ownerId", op: "eq", value: "$user" } as const;
    expect(holds(mine, { ownerId: "u1" }, { userId: "u1" })).toBe(true);
    expect(holds(mine, { ownerId: "u2" }, { userId: "u1" })).toBe(false);
    expect(holds(mine, {})).toBe(false);
    const types = new Map([["assignee", "user"]]);
    expect(
      holds({ field: "assignee", op: "in", value: ["$user", "u9"] }, { assignee: "u1" }, { userId: "u1", types }),
    ).toBe(true);
  });
});

describe("evaluateCondition: changed / changedTo", () => {
  it("changed compares the record before and after the write", () => {
    const cond = { field: "priority", op: "changed" } as const;
    expect(holds(cond, { priority: "high" }, { previous: { priority: "low" } })).toBe(true);
    expect(holds(cond, { priority: "high" }, { previous: { priority: "high" } })).toBe(false);
    expect(holds(cond, { priority: null }, { previous: { priority: "" } }), "empty to empty is no change").toBe(false);
    expect(holds({ field: "tags", op: "changed" }, { tags: ["a", "b"] }, { previous: { tags: ["b", "a"] } })).toBe(
      false,
    );
  });

  it("changedTo holds only when the value became the target", () => {
    const won = { field: "status", op: "changedTo", value: "won" } as const;
    expect(holds(won, { status: "won" }, { previous: { status: "negotiation" } })).toBe(true);
    expect(holds(won, { status: "won" }, { previous: { status: "won" } })).toBe(false);
    expect(holds(won, { status: "lost" }, { previous: { status: "negotiation" } })).toBe(false);
  });

  it("on create (no previous) every field counts as previously empty", () => {
    expect(holds({ field: "priority", op: "changedTo", value: "urgent" }, { priority: "urgent" })).toBe(true);
    expect(holds({ field: "priority", op: "changed" }, { priority: "urgent" })).toBe(true);
    expect(holds({ field: "priority", op: "changed" }, {})).toBe(false);
  });
});

describe("evaluateCondition: groups and refs", () => {
  const high = { field: "priority", op: "eq", value: "high" } as const;
  const open = { field: "status", op: "eq", value: "open" } as const;

  it("all / any / not", () => {
    const rec = { priority: "high", status: "closed" };
    expect(holds({ all: [high, open] }, rec)).toBe(false);
    expect(holds({ any: [high, open] }, rec)).toBe(true);
    expect(holds({ not: open }, rec)).toBe(true);
    expect(holds({ not: { any: [high, open] } }, rec)).toBe(false);
    expect(holds({ all: [] }, rec)).toBe(true);
    expect(holds({ any: [] }, rec)).toBe(false);
  });

  it("ref resolves a named condition", () => {
    const named: Record<string, Condition> = { is_high: high, hot: { all: [{ ref: "is_high" }, open] } };
    const resolveRef = (key: string) => named[key];
    expect(holds({ ref: "hot" }, { priority: "high", status: "open" }, { resolveRef })).toBe(true);
    expect(holds({ ref: "hot" }, { priority: "low", status: "open" }, { resolveRef })).toBe(false);
  });

  it("a ref cycle or an unknown ref makes the whole condition false, even under not", () => {
    const named: Record<string, Condition> = { a: { ref: "b" }, b: { not: { ref: "a" } } };
    const resolveRef = (key: string) => named[key];
    expect(holds({ ref: "a" }, {}, { resolveRef })).toBe(false);
    expect(holds({ not: { ref: "a" } }, {}, { resolveRef })).toBe(false);
    expect(holds({ not: { ref: "missing" } }, {}, { resolveRef })).toBe(false);
    expect(holds({ ref: "a" }, {})).toBe(false);
  });

  it("does not read inherited properties as fields", () => {
    expect(holds({ field: "constructor", op: "isNotEmpty" }, {})).toBe(false);
  });
});

describe("conditionFields", () => {
  it("lists every field a condition names, once, in order", () => {
    const cond: Condition = {
      all: [
        { field: "priority", op: "eq", value: "high" },
        { any: [{ field: "status", op: "neq", value: "closed" }, { not: { field: "priority", op: "isEmpty" } }] },
        { ref: "other" },
        { field: "createdAt", op: "gt", value: "$now-7d" },
      ],
    };
    expect(conditionFields(cond)).toEqual(["priority", "status", "createdAt"]);
  });
});
