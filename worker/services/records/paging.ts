import { sql, type SQL } from "drizzle-orm";
import { badRequest } from "../../lib/errors";
import type { ConditionCompiler } from "./query";

export type SortKey = { field: string; dir: "asc" | "desc" };

export const DEFAULT_SORT: SortKey[] = [{ field: "createdAt", dir: "desc" }];

/** `name,-amount` → [{name asc}, {amount desc}]. */
export function parseSort(text: string | undefined): SortKey[] | undefined {
  if (!text) return undefined;
  const keys = text.split(",").map((part) => part.trim()).filter(Boolean);
  if (keys.length === 0 || keys.length > 5) throw badRequest("sort takes 1 to 5 fields");
  return keys.map((k) => (k.startsWith("-") ? { field: k.slice(1), dir: "desc" as const } : { field: k, dir: "asc" as const }));
}

// Each sort key orders by two components: "is null" (nulls last, whatever the direction) and
// the value itself; the record id breaks ties. The cursor carries the last row's components,
// and the next page starts strictly after that tuple, so rows inserted meanwhile never shift it.
type Component = { expr: SQL; dir: "asc" | "desc" };

export class Keyset {
  readonly components: Component[];
  private readonly signature: string;

  constructor(private readonly compiler: ConditionCompiler, readonly sort: SortKey[]) {
    this.components = sort.flatMap(({ field, dir }) => {
      const { expr } = compiler.column(field);
      return [{ expr: sql`(${expr} IS NULL)`, dir: "asc" as const }, { expr, dir }];
    });
    this.components.push({ expr: sql.raw("records.id"), dir: sort[0]?.dir ?? "desc" });
    this.signature = sort.map((s) => `${s.dir === "desc" ? "-" : ""}${s.field}`).join(",");
  }

  orderBy(): SQL {
    return sql.join(this.components.map((c) => sql`${c.expr} ${sql.raw(c.dir.toUpperCase())}`), sql`, `);
  }

  /** The columns to select so the last row of a page can become the next cursor. */
  selectKeys(): SQL {
    return sql`json_array(${sql.join(this.components.map((c) => c.expr), sql`, `)})`;
  }

  encode(keys: unknown[]): string {
    return btoa(JSON.stringify({ s: this.signature, k: keys })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** The predicate "after the cursor's row", or undefined on the first page. */
  after(cursor: string | undefined): SQL | undefined {
    if (!cursor) return undefined;
    const keys = this.decode(cursor);
    const terms: SQL[] = [];
    for (let i = 0; i < this.components.length; i++) {
      const value = keys[i];
      if (value === null) continue; // nothing sorts strictly after a null within equal prefixes
      const { expr, dir } = this.components[i]!;
      const equalPrefix = this.components.slice(0, i).map((c, j) => sql`${c.expr} IS ${this.compiler.bind(keys[j])}`);
      const beyond = sql`${expr} ${sql.raw(dir === "asc" ? ">" : "<")} ${this.compiler.bind(value)}`;
      terms.push(sql.join([...equalPrefix, beyond], sql` AND `));
    }
    return terms.length ? sql`(${sql.join(terms.map((t) => sql`(${t})`), sql` OR `)})` : sql`0`;
  }

  private decode(cursor: string): unknown[] {
    try {
      const parsed = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/"))) as { s?: unknown; k?: unknown };
      const scalar = (v: unknown) => v === null || ["string", "number"].includes(typeof v);
      if (parsed.s === this.signature && Array.isArray(parsed.k) && parsed.k.length === this.components.length && parsed.k.every(scalar)) {
        return parsed.k;
      }
    } catch {
      // fall through
    }
    throw badRequest("Invalid cursor (it belongs to another query or was altered)");
  }
}
