import { describe, expect, it } from "vitest";
import { run } from "./helpers";

describe("evaluateFormula: numbers", () => {
  it("computes + - * / with precedence and unary minus", () => {
    expect(run("amount * probability / 100", { amount: 2000, probability: 25 })).toBe(500);
    expect(run("1 + 2 * 3 - 4")).toBe(3);
    expect(run("(1 + 2) * 3")).toBe(9);
    expect(run("-amount + 1", { amount: 5 })).toBe(-4);
    expect(run("10 - 2 - 3")).toBe(5);
    expect(run("7 / 2")).toBe(3.5);
  });

  it("division by zero and overflow are null; arithmetic with null is null", () => {
    expect(run("amount / zero", { amount: 5, zero: 0 })).toBeNull();
    expect(run("1 / 0")).toBeNull();
    expect(run("1e308 * 10")).toBeNull();
    expect(run("amount + 1", {})).toBeNull();
    expect(run("-amount", {})).toBeNull();
    expect(run("amount * 2", { amount: "3" }), "a value of another type reads as null").toBeNull();
  });

  it("round (half away from zero, decimals), abs, min, max (nulls ignored)", () => {
    expect(run("round(2.5)")).toBe(3);
    expect(run("round(-2.5)")).toBe(-3);
    expect(run("round(1.005, 2)")).toBe(1.01);
    expect(run("round(1234, -2)")).toBe(1200);
    expect(run("round(amount, 1)", {})).toBeNull();
    expect(run("abs(-3)")).toBe(3);
    expect(run("min(3, amount, 1)", {})).toBe(1);
    expect(run("max(3, amount, 1)", { amount: 9 })).toBe(9);
    expect(run("max(amount, probability)", {})).toBeNull();
    expect(run("0 * -1")).toBe(0);
    expect(Object.is(run("0 * -1"), -0)).toBe(false);
  });
});

describe("evaluateFormula: comparisons and logic", () => {
  it("compares numbers, text (code points), dates and datetimes", () => {
    expect(run("amount >= 10", { amount: 10 })).toBe(true);
    expect(run("amount < 10", { amount: 10 })).toBe(false);
    expect(run("amount != 10", { amount: 11 })).toBe(true);
    expect(run('name = "Ada"', { name: "Ada" })).toBe(true);
    expect(run('name = "ada"', { name: "Ada" }), "exact").toBe(false);
    expect(run('code < "9"', { code: "10" })).toBe(true);
    expect(run("due < start", { due: "2026-01-31", start: "2026-02-01" })).toBe(true);
    expect(run("at > now()", { at: "2026-03-16T00:00:00.000Z" })).toBe(true);
    expect(run("vip = true", { vip: true })).toBe(true);
  });

  it("a comparison with null is null; and/or use three-valued logic; not null is null", () => {
    expect(run("amount > 1", {})).toBeNull();
    expect(run("vip and false", {})).toBe(false);
    expect(run("vip and true", {})).toBeNull();
    expect(run("vip or true", {})).toBe(true);
    expect(run("vip or false", {})).toBeNull();
    expect(run("true and false")).toBe(false);
    expect(run("false or true")).toBe(true);
    expect(run("not vip", {})).toBeNull();
    expect(run("not vip", { vip: false })).toBe(true);
  });

  it("if takes the else branch when the condition is false or null; coalesce picks the first non-null", () => {
    expect(run('if(amount > 100, "big", "small")', { amount: 500 })).toBe("big");
    expect(run('if(amount > 100, "big", "small")', {})).toBe("small");
    expect(run("if(vip, amount, null)", { vip: false, amount: 1 })).toBeNull();
    expect(run("coalesce(amount, probability, 0)", { probability: 7 })).toBe(7);
    expect(run("coalesce(amount, 0)", {})).toBe(0);
    expect(run('coalesce(name, "n/a")', { name: "" }), "empty text reads as null").toBe("n/a");
  });
});

describe("evaluateFormula: text", () => {
  it("concat joins any values, null as empty; lower, upper, len (code points)", () => {
    expect(
      run('concat(name, " #", amount, " ", vip, " ", due)', { name: "Ada", amount: 3, vip: true, due: "2026-01-02" }),
    ).toBe("Ada #3 true 2026-01-02");
    expect(run('concat("a", name, "b")', {})).toBe("ab");
    expect(run("upper(name)", { name: "straße" })).toBe("STRASSE");
    expect(run("lower(name)", { name: "ÉCOLE" })).toBe("école");
    expect(run("len(name)", { name: "a😀b" })).toBe(3);
    expect(run("len(name)", {})).toBeNull();
    expect(run("upper(name)", {})).toBeNull();
  });
});

describe("evaluateFormula: dates and the clock", () => {
  it("today() and now() use the injected clock and the tenant's zone", () => {
    expect(run("today()")).toBe("2026-03-15");
    expect(run("today()", {}, "Europe/Berlin")).toBe("2026-03-16");
    expect(run("today()", {}, "America/New_York")).toBe("2026-03-15");
    expect(run("now()")).toBe("2026-03-15T23:30:00.000Z");
  });

  it("daysBetween counts calendar days (datetimes by their day in the tenant's zone)", () => {
    expect(run("daysBetween(start, due)", { start: "2026-02-27", due: "2026-03-02" })).toBe(3);
    expect(run("daysBetween(due, start)", { start: "2026-02-27", due: "2026-03-02" })).toBe(-3);
    expect(run("daysBetween(at, today())", { at: "2026-03-15T22:00:00Z" })).toBe(0);
    expect(run("daysBetween(at, today())", { at: "2026-03-15T22:00:00Z" }, "Europe/Berlin")).toBe(1);
    expect(run("daysBetween(at, today())", { at: "2026-03-14T22:30:00Z" }, "Europe/Berlin")).toBe(2);
    expect(run("daysBetween(at, today())", { at: "2026-03-14T23:30:00Z" }, "Europe/Berlin")).toBe(1);
    expect(run("daysBetween(due, today())", {})).toBeNull();
  });

  it("addDays moves dates by calendar days and datetimes by 24 h; bad values are null", () => {
    expect(run("addDays(due, 3)", { due: "2026-02-27" })).toBe("2026-03-02");
    expect(run("addDays(due, -1)", { due: "2026-03-01" })).toBe("2026-02-28");
    expect(run("addDays(due, 1.9)", { due: "2026-03-01" }), "whole days").toBe("2026-03-02");
    expect(run("addDays(at, 1)", { at: "2026-03-15T10:00:00Z" })).toBe("2026-03-16T10:00:00.000Z");
    expect(run("addDays(due, amount)", { due: "2026-03-01" })).toBeNull();
    expect(run("addDays(due, 1)", { due: "not a date" })).toBeNull();
    expect(run("addDays(due, 1e9)", { due: "2026-03-01" })).toBeNull();
  });
});
