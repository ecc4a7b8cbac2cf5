import { evaluateNode, readFieldValue, storedValue, type Value } from "./evaluate";
import { FormulaSyntaxError, formulaFields, parseFormula, type FormulaError, type Node } from "./parse";
import { checkFormula, type FieldLookup, type FormulaType } from "./types";

// One formula module for the web form (live values), the Worker (stored values) and publish
// (type errors with paths). Pure: no Worker APIs, no Date.now — the caller passes the clock.
// README.md states the grammar and the null rules.

export type { FormulaError, Node } from "./parse";
export type { FieldLookup, FormulaType } from "./types";
export { FUNCTION_NAMES } from "./types";

export type CompiledFormula = {
  source: string;
  ast: Node;
  type: FormulaType;
  /** The fields it reads, with the type each is read as. */
  fields: ReadonlyMap<string, FormulaType>;
};

export type CompileResult = { ok: true; formula: CompiledFormula } | { ok: false; errors: FormulaError[] };

/** Parses and type-checks `source` against the fields `lookup` knows. */
export function compileFormula(source: string, lookup: FieldLookup): CompileResult {
  let ast: Node;
  try {
    ast = parseFormula(source);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { ok: false, errors: [{ message: error.message, at: error.at }] };
    throw error;
  }
  const { type, errors } = checkFormula(ast, lookup);
  if (errors.length > 0) return { ok: false, errors };
  const fields = new Map<string, FormulaType>();
  for (const name of formulaFields(ast)) {
    const t = lookup(name);
    if (typeof t === "string") fields.set(name, t);
  }
  return { ok: true, formula: { source, ast, type, fields } };
}

export type FormulaClock = { now: number; timeZone: string };

/** The formula's value for `record` (stored data), in the form a record stores it. */
export function evaluateFormula(
  formula: CompiledFormula,
  record: Readonly<Record<string, unknown>>,
  clock: FormulaClock,
): string | number | boolean | null {
  const field = (name: string): Value => {
    const type = formula.fields.get(name);
    return type && Object.hasOwn(record, name) ? readFieldValue(type, record[name]) : null;
  };
  return storedValue(evaluateNode(formula.ast, { field, now: clock.now, timeZone: clock.timeZone }));
}

/** "at character 5: message" — an error as a sentence for a config issue or the builder. */
export function describeFormulaError(error: FormulaError): string {
  return `at character ${error.at + 1}: ${error.message}`;
}
