import { describe, expect, it } from "vitest";
import { FormulaSyntaxError, formulaFields, parseFormula } from "../../../../worker/shared/formula/parse";

function syntaxError(src: string): { message: string; at: number } {
  try {
    parseFormula(src);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { message: error.message, at: error.at };
    throw error;
  }
  throw new Error(`${src} parsed`);
}

describe("parseFormula", () => {
  it("gives * and / precedence over + and -, and comparisons over and/or", () => {
    const ast = parseFormula("a + b * c");
    expect(ast).toMatchObject({ kind: "binary", op: "+", right: { kind: "binary", op: "*" } });
    expect(parseFormula("a - b - c")).toMatchObject({ op: "-", left: { op: "-" } });
    expect(parseFormula("a > 1 and b < 2 or c")).toMatchObject({ op: "or", left: { op: "and", left: { op: ">" } } });
    expect(parseFormula("not a and b")).toMatchObject({ op: "and", left: { kind: "not" } });
    expect(parseFormula("(a + b) * c")).toMatchObject({ op: "*", left: { op: "+" } });
    expect(parseFormula("-a * 2")).toMatchObject({ op: "*", left: { kind: "neg" } });
  });

  it("reads numbers, strings with escapes, keywords and calls (names case-insensitive)", () => {
    expect(parseFormula("12.5")).toMatchObject({ kind: "number", value: 12.5 });
    expect(parseFormula(".5e2")).toMatchObject({ kind: "number", value: 50 });
    expect(parseFormula('"a \\"b\\" \\\\"')).toMatchObject({ kind: "string", value: 'a "b" \\' });
    expect(parseFormula("TRUE")).toMatchObject({ kind: "boolean", value: true });
    expect(parseFormula("null")).toMatchObject({ kind: "null" });
    expect(parseFormula("daysBetween(a, today())")).toMatchObject({
      kind: "call",
      name: "daysbetween",
      args: [
        { kind: "field", name: "a" },
        { kind: "call", name: "today", args: [] },
      ],
    });
    expect(parseFormula("a <= b")).toMatchObject({ op: "<=" });
    expect(parseFormula("a != b")).toMatchObject({ op: "!=" });
  });

  it("reports where a syntax error is", () => {
    expect(syntaxError("amount * ")).toEqual({ message: "the formula ends too early", at: 9 });
    expect(syntaxError("(a + b")).toMatchObject({ message: 'expected ")"', at: 6 });
    expect(syntaxError('"open')).toMatchObject({ message: "unterminated string", at: 0 });
    expect(syntaxError("a # b")).toMatchObject({ at: 2 });
    expect(syntaxError("a b")).toMatchObject({ message: "unexpected text after the end of the formula", at: 2 });
    expect(syntaxError("a < b < c").message).toMatch(/chained/);
    expect(syntaxError("a and")).toMatchObject({ message: "the formula ends too early" });
    expect(syntaxError("or a").message).toMatch(/needs a value/);
    expect(syntaxError("  ").message).toBe("the formula is empty");
    expect(syntaxError("(".repeat(100) + "1" + ")".repeat(100)).message).toMatch(/nested too deeply/);
    expect(syntaxError("1".repeat(2001)).message).toMatch(/longer than/);
    expect(syntaxError("2x").message).toMatch(/run into a name/);
  });

  it("lists the fields a formula reads once each", () => {
    expect(formulaFields(parseFormula("if(a > b, a, coalesce(c, -b))"))).toEqual(["a", "b", "c"]);
    expect(formulaFields(parseFormula("today()"))).toEqual([]);
  });
});
