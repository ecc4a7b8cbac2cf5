import { valueTypeOf } from "../../shared/config/field-types";
import { sql, type SQL } from "drizzle-orm";
import { badRequest } from "../../lib/errors";
import type { Condition, ConditionLeaf } from "../../shared/config/condition";
import type { FormConfig } from "../../shared/config/form";
import { resolveLeaf, type ResolvedLeaf, type Scalar } from "../../shared/config/operands";
import { KIND_OF_TYPE, SYSTEM_KINDS, foldsOperand, isTextKind, type ValueKind } from "../../shared/config/operators";

// Conditions compile to parameterized SQL over the records table: values are always bound,
// never spliced; only field names (already validated against ^[a-zA-Z][a-zA-Z0-9_]*$ and
// checked against the form) appear in the SQL text, inside JSON paths. What each operator
// means per kind of field is shared/config/CONDITIONS.md; the evaluator implements the same.

export const MAX_PARAMS = 100;

export type Column = {
  expr: SQL;
  kind: ValueKind;
  /** The JSON path of a form field inside records.data (json_each needs it). */
  path?: string;
  /** The case-folded text: the record's stored folded copy (non-ASCII values), else lower(). */
  folded?: SQL;
  /** A column that is never NULL (id, createdAt, updatedAt). */
  notNull?: boolean;
};

const NOT_NULL_SYSTEM = new Set(["id", "createdAt", "updatedAt"]);

const SYSTEM_COLUMNS: Record<keyof typeof SYSTEM_KINDS, string> = {
  id: "records.id",
  status: "records.status",
  ownerId: "records.owner_id",
  createdBy: "records.created_by",
  updatedBy: "records.updated_by",
  createdAt: "records.created_at",
  updatedAt: "records.updated_at",
};

export type QueryContext = {
  form: FormConfig;
  now: number;
  userId: string;
  resolveRef: (key: string) => Condition | undefined;
  /** The tenant's time zone: dates against "$now" are its calendar days (default UTC). */
  timeZone?: string;
};

export class ConditionCompiler {
  private params = 0;
  /** Whether a compiled condition read the folded copies (which old rows may still lack). */
  usesFolded = false;
  constructor(private readonly ctx: QueryContext) {}

  column(field: string): Column {
    // Own properties only: "constructor" or "__proto__" is an unknown field, not a prototype's.
    if (Object.hasOwn(SYSTEM_COLUMNS, field)) {
      const name = field as keyof typeof SYSTEM_COLUMNS;
      return {
        expr: sql.raw(SYSTEM_COLUMNS[name]),
        kind: SYSTEM_KINDS[name],
        folded: sql.raw(`lower(${SYSTEM_COLUMNS[name]})`),
        notNull: NOT_NULL_SYSTEM.has(name),
      };
    }
    const def = this.ctx.form.fields.find((f) => f.name === field);
    if (!def) throw badRequest(`Unknown field "${field}"`);
    const path = `'$.${def.name}'`;
    const expr = sql.raw(`json_extract(records.data, ${path})`);
    const folded = sql.raw(`coalesce(json_extract(records.fold, ${path}), lower(json_extract(records.data, ${path})))`);
    return { expr, kind: KIND_OF_TYPE[valueTypeOf(def)], path, folded };
  }

  /** Binds a value and counts it against D1's limit of 100 per statement. */
  bind(value: unknown): SQL {
    if (++this.params > MAX_PARAMS - 10) throw badRequest("The query is too large (too many values)");
    return sql`${typeof value === "boolean" ? (value ? 1 : 0) : value}`;
  }

  compile(cond: Condition, depth = 0): SQL {
    if (depth > 16) throw badRequest("The condition is nested too deeply");
    if ("all" in cond)
      return cond.all.length
        ? sql`(${sql.join(
            cond.all.map((c) => this.compile(c, depth + 1)),
            sql` AND `,
          )})`
        : sql`1`;
    if ("any" in cond)
      return cond.any.length
        ? sql`(${sql.join(
            cond.any.map((c) => this.compile(c, depth + 1)),
            sql` OR `,
          )})`
        : sql`0`;
    // SQL's NULL would make NOT(x) unknown where the shared evaluator says true; NULL is false.
    if ("not" in cond) return sql`NOT coalesce((${this.compile(cond.not, depth + 1)}), 0)`;
    if ("ref" in cond) {
      const target = this.ctx.resolveRef(cond.ref);
      if (!target) throw badRequest(`Unknown condition "${cond.ref}"`);
      return this.compile(target, depth + 1);
    }
    return this.leaf(cond);
  }

  private leaf(leaf: ConditionLeaf): SQL {
    if (leaf.op === "changed" || leaf.op === "changedTo")
      throw badRequest(`"${leaf.op}" only applies to triggers, not to queries`);
    const col = this.column(leaf.field);
    const resolved = resolveLeaf(leaf, col.kind, {
      now: this.ctx.now,
      timeZone: this.ctx.timeZone,
      userId: this.ctx.userId,
    });
    // A value or operator that does not fit the field matches nothing, as in the evaluator.
    return resolved ? this.resolvedLeaf(col, resolved) : sql`0`;
  }

  /** The expression a leaf compares: folded text where the operator folds. */
  private subject(col: Column, r: ResolvedLeaf): SQL {
    if (!foldsOperand(r.kind, r.op) || !col.folded) return col.expr;
    this.usesFolded = true;
    return col.folded;
  }

  private isEmpty(col: Column): SQL {
    if (col.kind === "list") return sql`(${col.expr} IS NULL OR ${col.expr} = '[]')`;
    return isTextKind(col.kind) ? sql`(${col.expr} IS NULL OR ${col.expr} = '')` : sql`${col.expr} IS NULL`;
  }

  private inList(col: Column, r: ResolvedLeaf): SQL {
    const list = r.operand as (Scalar | null)[];
    const values = list.filter((v): v is Scalar => v !== null);
    const terms: SQL[] = [];
    if (list.includes(null)) terms.push(this.isEmpty(col));
    if (values.length > 0) {
      const bound = sql.join(
        values.map((v) => this.bind(v)),
        sql`, `,
      );
      if (col.kind === "list")
        terms.push(
          sql`EXISTS (SELECT 1 FROM json_each(records.data, ${sql.raw(col.path!)}) WHERE json_each.value
            IN (${bound}))`,
        );
      else terms.push(sql`${this.subject(col, r)} IN (${bound})`);
    }
    return terms.length ? sql`(${sql.join(terms, sql` OR `)})` : sql`0`;
  }

  private resolvedLeaf(col: Column, r: ResolvedLeaf): SQL {
    const e = this.subject(col, r);
    const v = () => this.bind(r.operand);
    switch (r.op) {
      case "isEmpty":
        return this.isEmpty(col);
      case "isNotEmpty":
        return sql`NOT ${this.isEmpty(col)}`;
      case "eq":
        return r.operand === null ? this.isEmpty(col) : sql`${e} = ${v()}`;
      case "neq":
        return r.operand === null ? sql`NOT ${this.isEmpty(col)}` : sql`NOT coalesce(${e} = ${v()}, 0)`;
      case "gt":
        return sql`${e} > ${v()}`;
      case "gte":
        return sql`${e} >= ${v()}`;
      case "lt":
        return sql`${e} < ${v()}`;
      case "lte":
        return sql`${e} <= ${v()}`;
      case "in":
        return this.inList(col, r);
      case "nin":
        return sql`NOT coalesce(${this.inList(col, r)}, 0)`;
      case "contains":
        if (col.kind === "list")
          return sql`EXISTS (SELECT 1 FROM json_each(records.data, ${sql.raw(col.path!)})
            WHERE json_each.value = ${v()})`;
        return sql`instr(${e}, ${v()}) > 0`;
      case "startsWith":
        return sql`instr(${e}, ${v()}) = 1`;
      default:
        return sql`0`;
    }
  }
}
