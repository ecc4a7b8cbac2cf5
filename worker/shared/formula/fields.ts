import type { FormField } from "../config/form";
import type { Role } from "../roles";
import { valueTypeOf } from "../config/field-types";
import {
  compileFormula,
  describeFormulaError,
  evaluateFormula,
  type CompiledFormula,
  type FormulaClock,
} from "./index";
import { FORMULA_TYPE_OF_FIELD, type FieldLookup, type FormulaType } from "./types";

// A form's computed fields: which formulas compile, in which order they are evaluated (a formula
// may read another formula or a roll-up), and their values for a record.

type Field = Pick<FormField, "name" | "type" | "formula" | "resultType">;
export type FormulaIssue = { path: (string | number)[]; message: string };

function lookupIn(fields: readonly Field[]): FieldLookup {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return (name) => {
    const f = byName.get(name);
    if (!f) return { error: `no field "${name}" in this form` };
    const t = FORMULA_TYPE_OF_FIELD[valueTypeOf(f)];
    return t ?? { error: `${f.type} fields like "${name}" cannot be used in formulas` };
  };
}

/** The formula type a result type stores. */
const STORED_AS = (resultType: FormField["resultType"]): FormulaType | undefined =>
  resultType ? FORMULA_TYPE_OF_FIELD[resultType] : undefined;

type Analysis = {
  /** Compiled formulas in evaluation order (dependencies first); fields with errors are left out. */
  order: { name: string; formula: CompiledFormula }[];
  issues: FormulaIssue[];
};

const cache = new WeakMap<readonly Field[], Analysis>();

/** Compiles every formula of `fields`, checks result types and cycles. Cached per fields array. */
export function analyzeFormulas(fields: readonly Field[]): Analysis {
  const hit = cache.get(fields);
  if (hit) return hit;
  const lookup = lookupIn(fields);
  const issues: FormulaIssue[] = [];
  const compiled = new Map<string, CompiledFormula>();
  fields.forEach((f, i) => {
    if (f.type !== "formula" || f.formula === undefined) return;
    const result = compileFormula(f.formula, lookup);
    if (!result.ok) {
      for (const e of result.errors) issues.push({ path: ["fields", i, "formula"], message: describeFormulaError(e) });
      return;
    }
    const stored = STORED_AS(f.resultType);
    const t = result.formula.type;
    if (stored && t !== "null" && t !== stored) {
      issues.push({ path: ["fields", i, "resultType"], message: `the formula gives a ${t}, not a ${f.resultType}` });
      return;
    }
    compiled.set(f.name, result.formula);
  });
  const order = orderFormulas(fields, compiled, issues);
  const analysis = { order, issues };
  cache.set(fields, analysis);
  return analysis;
}

// Depth-first topological order over formula → formula reads; a formula on a cycle is reported
// (at its own path) and left out, with everything that depends on it.
function orderFormulas(fields: readonly Field[], compiled: Map<string, CompiledFormula>, issues: FormulaIssue[]) {
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const order: { name: string; formula: CompiledFormula }[] = [];
  const state = new Map<string, "visiting" | "done" | "broken">();
  const visit = (name: string, stack: string[]): boolean => {
    const s = state.get(name);
    if (s === "done") return true;
    if (s === "broken") return false;
    const formula = compiled.get(name);
    if (!formula) return !fields.some((f) => f.name === name && f.type === "formula");
    if (s === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      for (const member of new Set(cycle)) {
        if (state.get(member) === "broken") continue;
        issues.push({
          path: ["fields", index.get(member) ?? 0, "formula"],
          message: `formula cycle: ${cycle.join(" → ")}`,
        });
        state.set(member, "broken");
      }
      return false;
    }
    state.set(name, "visiting");
    const ok = [...formula.fields.keys()].every((dep) => visit(dep, [...stack, name]));
    if (state.get(name) === "broken") return false;
    state.set(name, ok ? "done" : "broken");
    if (ok) order.push({ name, formula });
    return ok;
  };
  for (const f of fields) if (f.type === "formula") visit(f.name, []);
  return order;
}

/** Type, result-type and cycle problems of a form's formulas, with paths like `fields[3].formula`. */
export function formFormulaIssues(fields: readonly Field[]): FormulaIssue[] {
  return analyzeFormulas(fields).issues;
}

/**
 * The value of every formula field for `data` (the record's data after the write, roll-ups as
 * stored), dependencies first, so a formula reading another formula sees its new value.
 * `null` = empty. Formulas with errors (never in a published form) are left out.
 */
export function computeFormulas(
  fields: readonly Field[],
  data: Readonly<Record<string, unknown>>,
  clock: FormulaClock,
): Record<string, string | number | boolean | null> {
  const scope: Record<string, unknown> = { ...data };
  const out: Record<string, string | number | boolean | null> = {};
  for (const { name, formula } of analyzeFormulas(fields).order) {
    const value = evaluateFormula(formula, scope, clock);
    out[name] = value;
    if (value === null) delete scope[name];
    else scope[name] = value;
  }
  return out;
}

/** Every plain (non-formula) field a field's value is made from, through the formulas it reads. */
export function formulaInputs(fields: readonly Field[], name: string): string[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const lookup = lookupIn(fields);
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    const f = byName.get(n);
    if (!f || f.type !== "formula" || f.formula === undefined) return;
    const compiled = compileFormula(f.formula, lookup);
    if (!compiled.ok) return;
    for (const dep of compiled.formula.fields.keys()) {
      if (byName.get(dep)?.type === "formula") walk(dep);
      else out.add(dep);
    }
  };
  walk(name);
  return [...out];
}

/**
 * The values a write stores in its computed fields: every formula (from `data`, the record after
 * the write) and, on create, each roll-up's value over no related records yet (count and sum 0,
 * the others empty). `null` = empty.
 */
export function computedValues(
  fields: readonly (Field & Pick<FormField, "rollup">)[],
  data: Readonly<Record<string, unknown>>,
  mode: "create" | "update",
  clock: FormulaClock,
): Record<string, string | number | boolean | null> {
  const initial: Record<string, number | null> = {};
  if (mode === "create") {
    for (const f of fields) {
      if (f.type === "rollup" && f.rollup)
        initial[f.name] = f.rollup.op === "count" || f.rollup.op === "sum" ? 0 : null;
    }
  }
  return { ...initial, ...computeFormulas(fields, { ...data, ...initial }, clock) };
}

/** `data` with its formulas recomputed (after a write changed it outside validation: a step's probability). */
export function withFormulas(
  fields: readonly Field[],
  data: Readonly<Record<string, unknown>>,
  clock: FormulaClock,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [name, value] of Object.entries(computeFormulas(fields, data, clock))) {
    if (value === null) delete out[name];
    else out[name] = value;
  }
  return out;
}

const READ_RANK: Record<Role, number> = { read_only: 0, agent: 1, manager: 2, admin: 3 };
const accessCache = new WeakMap<object, unknown>();

/**
 * The form with each formula's `access.read` raised to the strictest `access.read` of the fields
 * it is made of: a formula over a field a role may not read is hidden from that role too (its
 * value would tell what the hidden field holds). Cached per form object; other fields unchanged.
 */
export function withFormulaAccess<F extends { fields: readonly FormField[] }>(form: F): F {
  const hit = accessCache.get(form);
  if (hit) return hit as F;
  const byName = new Map(form.fields.map((f) => [f.name, f]));
  let changed = false;
  const fields = form.fields.map((f) => {
    if (f.type !== "formula") return f;
    let read: Role | undefined = f.access?.read;
    for (const input of formulaInputs(form.fields, f.name)) {
      const r = byName.get(input)?.access?.read;
      if (r && (read === undefined || READ_RANK[r] > READ_RANK[read])) read = r;
    }
    if (read === f.access?.read) return f;
    changed = true;
    return { ...f, access: { ...f.access, read } };
  });
  const out = changed ? { ...form, fields } : form;
  accessCache.set(form, out);
  accessCache.set(out, out);
  return out;
}
