import { sql, type SQL } from "drizzle-orm";
import { badRequest } from "../../lib/errors";
import { RELATIVE_NOW_RE, USER_TOKEN, type Condition, type ConditionLeaf } from "../../shared/config/condition";
import type { FormConfig, FormField } from "../../shared/config/form";

// Conditions compile to parameterized SQL over the records table: values are always bound,
// never spliced; only field names (already validated against ^[a-zA-Z][a-zA-Z0-9_]*$ and
// checked against the form) appear in the SQL text, inside JSON paths.

export const MAX_PARAMS = 100;

type Column = { expr: SQL; kind: "time" | "text" | "number" | "boolean" | "date" | "datetime" | "list" };

const SYSTEM_COLUMNS: Record<string, Column> = {
  id: { expr: sql.raw("records.id"), kind: "text" },
  status: { expr: sql.raw("records.status"), kind: "text" },
  ownerId: { expr: sql.raw("records.owner_id"), kind: "text" },
  createdBy: { expr: sql.raw("records.created_by"), kind: "text" },
  updatedBy: { expr: sql.raw("records.updated_by"), kind: "text" },
  createdAt: { expr: sql.raw("records.created_at"), kind: "time" },
  updatedAt: { expr: sql.raw("records.updated_at"), kind: "time" },
};

const KIND_OF: Record<FormField["type"], Column["kind"]> = {
  text: "text", textarea: "text", email: "text", phone: "text", url: "text", select: "text", reference: "text", user: "text",
  number: "number", currency: "number", percent: "number",
  boolean: "boolean", date: "date", datetime: "datetime", multiselect: "list",
};

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export type QueryContext = {
  form: FormConfig;
  now: number;
  userId: string;
  resolveRef: (key: string) => Condition | undefined;
};

export class ConditionCompiler {
  private params = 0;
  constructor(private readonly ctx: QueryContext) {}

  column(field: string): Column {
    const system = SYSTEM_COLUMNS[field];
    if (system) return system;
    const def = this.ctx.form.fields.find((f) => f.name === field);
    if (!def) throw badRequest(`Unknown field "${field}"`);
    return { expr: sql.raw(`json_extract(records.data, '$.${def.name}')`), kind: KIND_OF[def.type] };
  }

  /** Binds a value and counts it against D1's limit of 100 per statement. */
  bind(value: unknown): SQL {
    if (++this.params > MAX_PARAMS - 10) throw badRequest("The query is too large (too many values)");
    return sql`${value}`;
  }

  compile(cond: Condition, depth = 0): SQL {
    if (depth > 16) throw badRequest("The condition is nested too deeply");
    if ("all" in cond) return cond.all.length ? sql`(${sql.join(cond.all.map((c) => this.compile(c, depth + 1)), sql` AND `)})` : sql`1`;
    if ("any" in cond) return cond.any.length ? sql`(${sql.join(cond.any.map((c) => this.compile(c, depth + 1)), sql` OR `)})` : sql`0`;
    // SQL's NULL would make NOT(x) unknown where the shared evaluator says true; NULL is false.
    if ("not" in cond) return sql`NOT coalesce((${this.compile(cond.not, depth + 1)}), 0)`;
    if ("ref" in cond) {
      const target = this.ctx.resolveRef(cond.ref);
      if (!target) throw badRequest(`Unknown condition "${cond.ref}"`);
      return this.compile(target, depth + 1);
    }
    return this.leaf(cond);
  }

  private leaf({ field, op, value }: ConditionLeaf): SQL {
    const col = this.column(field);
    const e = col.expr;
    const v = (x: unknown) => this.bind(this.convert(col, x));
    switch (op) {
      case "eq":
        return value === null ? sql`${e} IS NULL` : sql`${e} = ${v(value)}`;
      case "neq":
        return value === null ? sql`${e} IS NOT NULL` : sql`(${e} IS NULL OR ${e} != ${v(value)})`;
      case "gt": return sql`${e} > ${v(value)}`;
      case "gte": return sql`${e} >= ${v(value)}`;
      case "lt": return sql`${e} < ${v(value)}`;
      case "lte": return sql`${e} <= ${v(value)}`;
      case "in":
      case "nin": {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0) return op === "in" ? sql`0` : sql`1`;
        const inList = sql`${e} IN (${sql.join(list.map(v), sql`, `)})`;
        return op === "in" ? inList : sql`(${e} IS NULL OR NOT ${inList})`;
      }
      case "contains":
        if (col.kind === "list") return sql`EXISTS (SELECT 1 FROM json_each(records.data, ${sql.raw(`'$.${field}'`)}) WHERE json_each.value = ${v(value)})`;
        return sql`instr(lower(${e}), lower(${v(value)})) > 0`;
      case "startsWith":
        return sql`lower(${e}) LIKE ${this.bind(`${escapeLike(String(value ?? "").toLowerCase())}%`)} ESCAPE '\\'`;
      case "isEmpty":
        return sql`(${e} IS NULL OR ${e} = '' OR ${e} = '[]')`;
      case "isNotEmpty":
        return sql`(${e} IS NOT NULL AND ${e} != '' AND ${e} != '[]')`;
      case "changed":
      case "changedTo":
        throw badRequest(`"${op}" only applies to triggers, not to queries`);
    }
  }

  /** A condition value in the representation the column stores. */
  convert(col: Column, raw: unknown): unknown {
    if (raw === USER_TOKEN) return this.ctx.userId;
    const instant = typeof raw === "string" ? this.instant(raw, col.kind) : undefined;
    if (instant !== undefined) {
      if (col.kind === "time") return instant;
      if (col.kind === "date") return new Date(instant).toISOString().slice(0, 10);
      return new Date(instant).toISOString();
    }
    if (typeof raw === "boolean") return raw ? 1 : 0;
    if (col.kind === "number" && typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
    return raw;
  }

  /** `$now±n<unit>` always; an ISO date string only for time-like columns. */
  private instant(raw: string, kind: Column["kind"]): number | undefined {
    const match = RELATIVE_NOW_RE.exec(raw);
    if (match) {
      if (!match[1]) return this.ctx.now;
      const offset = Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
      return match[1] === "-" ? this.ctx.now - offset : this.ctx.now + offset;
    }
    if (kind !== "time" && kind !== "datetime") return undefined;
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? undefined : ms;
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
