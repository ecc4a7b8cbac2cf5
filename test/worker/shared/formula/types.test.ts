import { describe, expect, it } from "vitest";
import { compileFormula } from "../../../../worker/shared/formula";
import { errorOf, lookup } from "./helpers";

const typeOf = (src: string) => {
  const c = compileFormula(src, lookup);
  if (!c.ok) throw new Error(c.errors[0]?.message);
  return c.formula.type;
};

describe("checkFormula: result types", () => {
  it("types each operator and function", () => {
    expect(typeOf("amount * probability / 100")).toBe("number");
    expect(typeOf("amount > 3")).toBe("boolean");
    expect(typeOf("vip and not (amount = 0)")).toBe("boolean");
    expect(typeOf('concat(name, " ", amount)')).toBe("text");
    expect(typeOf("upper(name)")).toBe("text");
    expect(typeOf("len(name)")).toBe("number");
    expect(typeOf("today()")).toBe("date");
    expect(typeOf("now()")).toBe("datetime");
    expect(typeOf("addDays(due, 3)")).toBe("date");
    expect(typeOf("addDays(at, 3)")).toBe("datetime");
    expect(typeOf("daysBetween(at, due)")).toBe("number");
    expect(typeOf("if(vip, due, null)")).toBe("date");
    expect(typeOf("coalesce(null, name)")).toBe("text");
    expect(typeOf("max(due, start)")).toBe("date");
    expect(typeOf("round(amount, 2)")).toBe("number");
    expect(typeOf("due < today()")).toBe("boolean");
    expect(typeOf("null")).toBe("null");
  });

  it("rejects type mismatches with a message", () => {
    expect(errorOf('amount + "x"')).toMatch(/both operands of \+ must be a number, not text/);
    expect(errorOf("name + name")).toMatch(/use concat/);
    expect(errorOf("amount and vip")).toMatch(/must be a boolean, not number/);
    expect(errorOf("not name")).toMatch(/operand of not/);
    expect(errorOf("-name")).toMatch(/operand of -/);
    expect(errorOf("amount = name")).toBe("cannot compare number with text");
    expect(errorOf("vip < vip")).toMatch(/no order/);
    expect(errorOf("if(amount, 1, 2)")).toMatch(/condition of if/);
    expect(errorOf('if(vip, 1, "a")')).toMatch(/same type/);
    expect(errorOf("coalesce(amount, name)")).toMatch(/one type/);
    expect(errorOf("min(vip)")).toMatch(/numbers, dates or datetimes/);
    expect(errorOf("min(due, amount)")).toMatch(/one type/);
    expect(errorOf("lower(amount)")).toMatch(/argument of lower/);
    expect(errorOf("daysBetween(name, due)")).toMatch(/dates or datetimes/);
    expect(errorOf("addDays(due, name)")).toMatch(/second argument/);
    expect(errorOf("abs(1, 2)")).toBe("abs() takes 1 argument");
    expect(errorOf("today(1)")).toBe("today() takes no arguments");
    expect(errorOf("round()")).toBe("round() takes 1 to 2 arguments");
    expect(errorOf("coalesce()")).toBe("coalesce() takes at least 1 argument");
    expect(errorOf("sqrt(amount)")).toMatch(/unknown function "sqrt"/);
    expect(errorOf("missing + 1")).toBe('no field "missing"');
  });

  it("reports the position of a type error and every error found", () => {
    const c = compileFormula("-name + (vip and 1)", lookup);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors.map((e) => e.at)).toEqual([0, 13, 6]);
  });

  it("records the fields read with their types", () => {
    const c = compileFormula("if(vip, amount, 0)", lookup);
    expect(c.ok && [...c.formula.fields]).toEqual([
      ["vip", "boolean"],
      ["amount", "number"],
    ]);
  });
});
