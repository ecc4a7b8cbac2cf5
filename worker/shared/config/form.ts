import { z } from "zod";
import { roleAtLeast } from "../roles";
import { conditionSchema } from "./condition";
import { RESERVED_FIELD_NAMES, configName, fieldName, jsonValue, label, reportDuplicates, roleSchema } from "./common";
import { formFormulaIssues } from "../formula/fields";
import {
  COMPUTED_FIELD_TYPES,
  FIELD_TYPES,
  FORMULA_RESULT_TYPES,
  NUMERIC_FIELD_TYPES,
  ROLLUP_RESULT_TYPES,
  STRING_FIELD_TYPES,
  isComputedType,
  valueTypeOf,
} from "./field-types";

const optionSchema = z.strictObject({ value: z.string().trim().min(1).max(100), label });

// Lowest role that may read / write the field; absent means every member.
const accessSchema = z.strictObject({ read: roleSchema.optional(), write: roleSchema.optional() });

export const ROLLUP_OPS = ["count", "sum", "min", "max", "avg"] as const;

// Records of `entity` whose reference field `via` points at this record, aggregated by `op` over
// their `field` (count: the records themselves), optionally only those matching `where`.
const rollupSchema = z
  .strictObject({
    entity: configName,
    via: fieldName,
    op: z.enum(ROLLUP_OPS),
    field: fieldName.optional(),
    where: conditionSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.op === "count" && r.field) ctx.addIssue({ code: "custom", path: ["field"], message: "count takes no field" });
    if (r.op !== "count" && !r.field)
      ctx.addIssue({ code: "custom", path: ["field"], message: `${r.op} needs a field` });
  });
export type RollupConfig = z.infer<typeof rollupSchema>;

const fieldShape = z.strictObject({
  name: fieldName,
  label,
  type: z.enum([...FIELD_TYPES, ...COMPUTED_FIELD_TYPES]),
  help: z.string().max(1000).optional(),
  placeholder: z.string().max(200).optional(),
  required: z.boolean().optional(),
  default: jsonValue.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  minLength: z.int().min(0).optional(),
  maxLength: z.int().min(1).optional(),
  pattern: z.string().min(1).max(500).optional(),
  options: z.array(optionSchema).min(1).max(500).optional(),
  unique: z.boolean().optional(),
  readOnly: z.boolean().optional(),
  visibleWhen: conditionSchema.optional(),
  requiredWhen: conditionSchema.optional(),
  access: accessSchema.optional(),
  entity: configName.optional(), // reference fields: the entity they point at
  formula: z.string().min(1).max(2000).optional(), // formula fields: the expression
  resultType: z.enum(FORMULA_RESULT_TYPES).optional(), // formula (and roll-up) fields: the stored type
  rollup: rollupSchema.optional(),
});
type Field = z.infer<typeof fieldShape>;
type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: "custom", message, path });
}

// Computed fields take their own settings and none of the ones about input.
const INPUT_SETTINGS = ["required", "default", "unique", "requiredWhen", "placeholder"] as const;

function checkComputed(f: Field, ctx: Ctx): void {
  const formula = f.type === "formula";
  const rollup = f.type === "rollup";
  if (formula && f.formula === undefined) issue(ctx, ["formula"], "formula fields need a formula");
  if (formula && f.resultType === undefined) issue(ctx, ["resultType"], "formula fields need a resultType");
  if (!formula && f.formula !== undefined) issue(ctx, ["formula"], "only formula fields take a formula");
  if (rollup && !f.rollup) issue(ctx, ["rollup"], "rollup fields need a rollup");
  if (!rollup && f.rollup) issue(ctx, ["rollup"], "only rollup fields take a rollup");
  if (!isComputedType(f.type) && f.resultType !== undefined)
    issue(ctx, ["resultType"], "only formula and rollup fields take a resultType");
  if (rollup && f.resultType && !(ROLLUP_RESULT_TYPES as readonly string[]).includes(f.resultType)) {
    issue(ctx, ["resultType"], `a roll-up's resultType is one of ${ROLLUP_RESULT_TYPES.join(", ")}`);
  }
  if (!isComputedType(f.type)) return;
  for (const key of INPUT_SETTINGS) {
    if (f[key] !== undefined) issue(ctx, [key], `computed fields take no ${key}: their value is computed`);
  }
}

function checkSettings(f: Field, ctx: Ctx): void {
  checkComputed(f, ctx);
  // min/max/pattern describe input, which computed fields never take.
  const numeric = !isComputedType(f.type) && NUMERIC_FIELD_TYPES[valueTypeOf(f)];
  const textual = !isComputedType(f.type) && STRING_FIELD_TYPES[valueTypeOf(f)];
  const choice = f.type === "select" || f.type === "multiselect";
  if (choice && !f.options) issue(ctx, ["options"], `${f.type} fields need options`);
  if (!choice && f.options) issue(ctx, ["options"], "only select and multiselect fields take options");
  if (f.type === "reference" && !f.entity) issue(ctx, ["entity"], "reference fields need an entity");
  if (f.type !== "reference" && f.entity) issue(ctx, ["entity"], "only reference fields take an entity");
  for (const key of ["min", "max"] as const) {
    if (f[key] !== undefined && !numeric) issue(ctx, [key], `only number, currency and percent fields take ${key}`);
  }
  for (const key of ["minLength", "maxLength", "pattern"] as const) {
    if (f[key] !== undefined && !textual) issue(ctx, [key], `only text-like fields take ${key}`);
  }
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) issue(ctx, ["max"], "must not be less than min");
  if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) {
    issue(ctx, ["maxLength"], "must not be less than minLength");
  }
  if (f.pattern !== undefined && !compiles(f.pattern)) issue(ctx, ["pattern"], "is not a valid regular expression");
  if (f.options)
    reportDuplicates(
      f.options.map((o) => o.value),
      ctx,
      (i) => ["options", i, "value"],
      "option",
    );
  if (f.access?.read && f.access.write && !roleAtLeast(f.access.write, f.access.read)) {
    issue(ctx, ["access", "write"], "writing cannot need a lower role than reading");
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

// The default must be a value the field itself would accept.
function defaultProblem(f: Field): string | null {
  const value = f.default;
  const options = new Set(f.options?.map((o) => o.value));
  if (value === undefined || value === null) return null;
  if (f.type === "boolean") return typeof value === "boolean" ? null : "must be true or false";
  if (isComputedType(f.type)) return null; // reported by checkComputed
  if (NUMERIC_FIELD_TYPES[f.type]) {
    if (typeof value !== "number") return "must be a number";
    if ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max)) return "is out of bounds";
    return null;
  }
  if (f.type === "multiselect") {
    const ok = Array.isArray(value) && value.every((v) => typeof v === "string" && options.has(v));
    return ok ? null : "must be a list of option values";
  }
  if (typeof value !== "string") return "must be text";
  if (f.type === "select" && !options.has(value)) return "must be one of the options";
  return null;
}

export const formFieldSchema = fieldShape.superRefine((f, ctx) => {
  checkSettings(f, ctx);
  const problem = defaultProblem(f);
  if (problem) issue(ctx, ["default"], problem);
});
export type FormField = z.infer<typeof formFieldSchema>;

const sectionSchema = z.strictObject({ title: label, fields: z.array(fieldName).min(1) });

// Which related records the record's 360° page lists: records of `entity` whose reference field
// `via` points at this record. Absent: every reference to this entity is listed.
const relatedListSchema = z.strictObject({
  entity: configName,
  via: fieldName,
  columns: z.array(fieldName).min(1).max(12).optional(),
  title: label.optional(),
});
export type RelatedListConfig = z.infer<typeof relatedListSchema>;

export const formSchema = z
  .strictObject({
    title: label,
    description: z.string().max(2000).optional(),
    fields: z.array(formFieldSchema).min(1).max(300),
    sections: z.array(sectionSchema).optional(),
    submit: z.strictObject({ label }).optional(),
    // "owner": agents see only records they own or are assigned to; managers and admins see all.
    recordAccess: z.enum(["all", "owner"]).optional(),
    related: z.array(relatedListSchema).max(20).optional(),
  })
  .superRefine((form, ctx) => {
    const names = form.fields.map((f) => f.name);
    reportDuplicates(names, ctx, (i) => ["fields", i, "name"], "field");
    names.forEach((name, i) => {
      if (RESERVED_FIELD_NAMES.includes(name)) issue(ctx, ["fields", i, "name"], `"${name}" is a system field`);
    });
    for (const problem of formFormulaIssues(form.fields)) issue(ctx, problem.path, problem.message);
    form.sections?.forEach((section, s) =>
      section.fields.forEach((name, i) => {
        if (!names.includes(name)) issue(ctx, ["sections", s, "fields", i], `no field named "${name}" in this form`);
      }),
    );
  });
export type FormConfig = z.infer<typeof formSchema>;
