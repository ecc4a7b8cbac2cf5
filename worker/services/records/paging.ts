import { sql, type SQL } from "drizzle-orm";
import { badRequest } from "../../lib/errors";
import type { ConditionCompiler } from "./query";

export type SortKey = { field: string; dir: "asc" | "desc" };

export const DEFAULT_SORT: SortKey[] = [{ field: "createdAt", dir: "desc" }];

/** `name,-amount` → [{name asc}, {amount desc}]. */
export function parseSort(text: string | undefined): SortKey[] | undefined {
  if (!text) return undefined;
  const keys = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (keys.length === 0 || keys.length > 5) throw badRequest("sort takes 1 to 5 fields");
  return keys.map((k) =>
    k.startsWith("-") ? { field: k.slice(1), dir: "desc" as const } : { field: k, dir: "asc" as const },
  );
}

// Keys sort in SQLite's own order (nulls first ascending, last descending) with the record id
// breaking ties. The cursor carries the last row's keys, and the next page starts strictly after
// that tuple, so rows inserted meanwhile never shift it.
//
// To make "after the cursor" a range an index can seek to, every nullable key is sorted and
// compared as its *total-order* form `coalesce(<expr>, -9e999)`: -9e999 is -Infinity, below
// every number and text and never a JSON value, so it takes NULL's place in the order without
// changing it. A cursor predicate is then `k1 <= ? AND (k1, …, id) < (?, …, ?)` (the row value
// when all keys share a direction, else the expanded OR within k1's bound); the expression
// indexes of sorted fields (indexes.ts, sortKeyExpr) are on exactly these forms, so SQLite seeks
// to the cursor instead of walking the entity from its first row.
type Component = { expr: SQL; key: SQL; dir: "asc" | "desc" };

/** The stand-in for NULL in sort keys (SQLite reads 9e999 as Infinity). */
export const NULL_KEY = "-9e999";

/** The total-order form of a nullable key expression (the same text as the index's). */
export const totalOrder = (expr: string) => `coalesce(${expr}, ${NULL_KEY})`;

// A search without a sort of its own pages newest first by the search index's rowid: each record's
// entry takes the next rowid of records_search when the record is created (search-text.ts), so
// descending rowids are creation order, and FTS5 walks the terms' doclists in that order and stops
// after a page. A page then reads about a page of entries whatever the words match — the oldest
// thousand of 100,000 rows or all of them — where "matches IN (…) ORDER BY created_at" had to
// collect every match, or walk the entity from its newest row until enough matched.
export const SEARCH_ORDER = "search";
const SEARCH_ROWID = sql.raw("records_search.rowid");

export class Keyset {
  readonly components: Component[];
  private readonly signature: string;

  constructor(
    private readonly compiler: ConditionCompiler,
    sort: SortKey[] | typeof SEARCH_ORDER,
  ) {
    if (sort === SEARCH_ORDER) {
      this.components = [{ expr: SEARCH_ROWID, key: SEARCH_ROWID, dir: "desc" }];
      this.signature = "~search";
      return;
    }
    this.components = sort.map(({ field, dir }) => {
      const col = compiler.column(field);
      return { expr: col.expr, key: col.notNull ? col.expr : sql`coalesce(${col.expr}, ${sql.raw(NULL_KEY)})`, dir };
    });
    const id = sql.raw("records.id");
    this.components.push({ expr: id, key: id, dir: sort[0]?.dir ?? "desc" });
    this.signature = sort.map((s) => `${s.dir === "desc" ? "-" : ""}${s.field}`).join(",");
  }

  orderBy(): SQL {
    return sql.join(
      this.components.map((c) => sql`${c.key} ${sql.raw(c.dir.toUpperCase())}`),
      sql`, `,
    );
  }

  /** The columns to select so the last row of a page can become the next cursor (NULL as null). */
  selectKeys(): SQL {
    return sql`json_array(${sql.join(
      this.components.map((c) => c.expr),
      sql`, `,
    )})`;
  }

  encode(keys: unknown[]): string {
    return btoa(JSON.stringify({ s: this.signature, k: keys }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  }

  /** The predicate "after the cursor's row", or undefined on the first page. */
  after(cursor: string | undefined): SQL | undefined {
    if (!cursor) return undefined;
    const values = this.decode(cursor).map((v) => (v === null ? sql.raw(NULL_KEY) : this.compiler.bind(v)));
    const [first] = this.components;
    const op = (dir: "asc" | "desc", strict: boolean) =>
      sql.raw(dir === "asc" ? (strict ? ">" : ">=") : strict ? "<" : "<=");
    if (this.components.length === 1) return sql`${first!.key} ${op(first!.dir, true)} ${values[0]}`;
    // SQLite seeks an expression index on a scalar bound only (a row value over an expression is
    // not an index range), so the first key's inclusive bound leads; what follows settles its ties.
    const bound = sql`${first!.key} ${op(first!.dir, false)} ${values[0]}`;
    if (this.components.every((c) => c.dir === first!.dir)) {
      return sql`(${bound} AND (${sql.join(
        this.components.map((c) => c.key),
        sql`, `,
      )}) ${op(first!.dir, true)} (${sql.join(values, sql`, `)}))`;
    }
    const terms: SQL[] = this.components.map((c, i) => {
      const equalPrefix = this.components.slice(0, i).map((p, j) => sql`${p.key} = ${values[j]}`);
      return sql.join([...equalPrefix, sql`${c.key} ${op(c.dir, true)} ${values[i]}`], sql` AND `);
    });
    return sql`(${bound} AND (${sql.join(
      terms.map((t) => sql`(${t})`),
      sql` OR `,
    )}))`;
  }

  private decode(cursor: string): unknown[] {
    try {
      const parsed = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/"))) as { s?: unknown; k?: unknown };
      const scalar = (v: unknown) => v === null || ["string", "number"].includes(typeof v);
      if (
        parsed.s === this.signature &&
        Array.isArray(parsed.k) &&
        parsed.k.length === this.components.length &&
        parsed.k.every(scalar)
      ) {
        return parsed.k;
      }
    } catch {
      // fall through
    }
    throw badRequest("Invalid cursor (it belongs to another query or was altered)");
  }
}
