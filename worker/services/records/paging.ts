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

// Keys sort in SQLite's own order (nulls first ascending, last descending) so an index on the
// expression can serve the sort and a page stops reading after `limit` rows; the record id
// breaks ties. The cursor carries the last row's keys, and the next page starts strictly after
// that tuple, so rows inserted meanwhile never shift it.
type Component = { expr: SQL; dir: "asc" | "desc" };

export class Keyset {
  readonly components: Component[];
  private readonly signature: string;

  constructor(private readonly compiler: ConditionCompiler, readonly sort: SortKey[]) {
    this.components = sort.map(({ field, dir }) => ({ expr: compiler.column(field).expr, dir }));
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
      const beyond = this.beyond(this.components[i]!, keys[i]);
      if (!beyond) continue;
      const equalPrefix = this.components.slice(0, i).map((c, j) => sql`${c.expr} IS ${this.compiler.bind(keys[j])}`);
      terms.push(sql.join([...equalPrefix, beyond], sql` AND `));
    }
    return terms.length ? sql`(${sql.join(terms.map((t) => sql`(${t})`), sql` OR `)})` : sql`0`;
  }

  /** "Strictly later than `value`" for one key, nulls placed as SQLite places them. */
  private beyond({ expr, dir }: Component, value: unknown): SQL | undefined {
    if (value === null) return dir === "asc" ? sql`${expr} IS NOT NULL` : undefined;
    const bound = this.compiler.bind(value);
    return dir === "asc" ? sql`${expr} > ${bound}` : sql`(${expr} < ${bound} OR ${expr} IS NULL)`;
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
