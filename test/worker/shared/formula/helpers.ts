import { compileFormula, evaluateFormula, type FormulaType } from "../../../../worker/shared/formula";

export const NOW = Date.parse("2026-03-15T23:30:00Z");

export const TYPES: Record<string, FormulaType> = {
  amount: "number",
  probability: "number",
  zero: "number",
  name: "text",
  code: "text",
  due: "date",
  start: "date",
  at: "datetime",
  vip: "boolean",
};

export const lookup = (name: string) => TYPES[name] ?? { error: `no field "${name}"` };

/** The value of `source` for `record` at NOW in `timeZone`; throws when it does not compile. */
export function run(source: string, record: Record<string, unknown> = {}, timeZone = "UTC"): unknown {
  const compiled = compileFormula(source, lookup);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.errors.map((e) => e.message).join("; ")}`);
  return evaluateFormula(compiled.formula, record, { now: NOW, timeZone });
}

/** The first error message of a formula that must not compile. */
export function errorOf(source: string): string {
  const compiled = compileFormula(source, lookup);
  if (compiled.ok) throw new Error(`${source} compiled as ${compiled.formula.type}`);
  return compiled.errors[0]?.message ?? "";
}
