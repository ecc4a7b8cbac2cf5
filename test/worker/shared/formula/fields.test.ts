import { describe, expect, it } from "vitest";
import type { FormField } from "../../../../worker/shared/config/form";
import { computeFormulas, formFormulaIssues, formulaInputs } from "../../../../worker/shared/formula/fields";

const f = (name: string, type: FormField["type"], extra: Partial<FormField> = {}): FormField => ({
  name,
  label: name,
  type,
  ...extra,
});
const formula = (name: string, src: string, resultType: FormField["resultType"] = "number") =>
  f(name, "formula", { formula: src, resultType });
const CLOCK = { now: Date.parse("2026-03-15T12:00:00Z"), timeZone: "UTC" };

describe("a form's formulas", () => {
  it("evaluates formulas dependencies first, reading other formulas and roll-ups", () => {
    const fields = [
      formula("total", "weighted + open", "currency"),
      f("amount", "currency"),
      f("probability", "percent"),
      formula("weighted", "amount * probability / 100", "currency"),
      f("open", "rollup", { rollup: { entity: "cases", via: "customer", op: "count" } }),
      formula("label", 'concat(upper(name), ": ", total)', "text"),
      f("name", "text"),
    ];
    expect(formFormulaIssues(fields)).toEqual([]);
    expect(computeFormulas(fields, { amount: 200, probability: 50, open: 3, name: "acme" }, CLOCK)).toEqual({
      weighted: 100,
      total: 103,
      label: "ACME: 103",
    });
    expect(computeFormulas(fields, {}, CLOCK)).toEqual({ weighted: null, total: null, label: ": " });
  });

  it("reports unknown fields, type errors, result-type mismatches and multiselects with paths", () => {
    const fields = [
      f("amount", "number"),
      f("tags", "multiselect", { options: [{ value: "a", label: "A" }] }),
      formula("a", "nope + 1"),
      formula("b", 'amount + "x"'),
      formula("c", "amount > 1", "number"),
      formula("d", "len(tags)"),
      formula("e", "amount * 2", "currency"),
      formula("g", "(amount", "number"),
    ];
    expect(formFormulaIssues(fields)).toEqual([
      { path: ["fields", 2, "formula"], message: 'at character 1: no field "nope" in this form' },
      {
        path: ["fields", 3, "formula"],
        message: "at character 8: both operands of + must be a number, not text (use concat() to join text)",
      },
      { path: ["fields", 4, "resultType"], message: "the formula gives a boolean, not a number" },
      {
        path: ["fields", 5, "formula"],
        message: 'at character 5: multiselect fields like "tags" cannot be used in formulas',
      },
      { path: ["fields", 7, "formula"], message: 'at character 8: expected ")"' },
    ]);
  });

  it("reports a cycle at every formula on it, and leaves them (and their dependants) uncomputed", () => {
    const fields = [
      formula("a", "b + 1"),
      formula("b", "a + 1"),
      formula("c", "a * 2"),
      formula("s", "s"),
      formula("ok", "1"),
    ];
    expect(formFormulaIssues(fields)).toEqual([
      { path: ["fields", 0, "formula"], message: "formula cycle: a → b → a" },
      { path: ["fields", 1, "formula"], message: "formula cycle: a → b → a" },
      { path: ["fields", 3, "formula"], message: "formula cycle: s → s" },
    ]);
    expect(computeFormulas(fields, {}, CLOCK)).toEqual({ ok: 1 });
  });

  it("lists the plain fields a formula is made of, through other formulas", () => {
    const fields = [f("x", "number"), f("y", "number"), formula("a", "x + 1"), formula("b", "a + y")];
    expect(formulaInputs(fields, "b").sort()).toEqual(["x", "y"]);
  });
});
