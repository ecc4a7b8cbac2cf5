import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TenantDb } from "../../../../worker/db/tenant-db";
import type { Principal } from "../../../../worker/lib/app-env";
import { loadEntity } from "../../../../worker/services/records/entity";
import { ensureFieldIndexes } from "../../../../worker/services/records/indexes";
import { listStatement, type ListQuery } from "../../../../worker/services/records/read";
import { api, makeTenant, type Session, tenantD1 } from "../../helpers";

// Keyset pages seek: the cursor predicate is a range on the sort-key index, so a deep page costs
// what the first page costs. The plans below are SQLite's own (EXPLAIN QUERY PLAN) for the SQL
// listRecords runs.

async function seed(admin: Session, n: number) {
  const lines = ["name,revenue"];
  // Every fifth customer has no revenue (NULL sorts first ascending, last descending).
  for (let i = 0; i < n; i++) lines.push(`Customer ${String(i).padStart(3, "0")},${i % 5 === 0 ? "" : (i * 37) % 101}`);
  const res = await api("POST", "/crm/customers/import", {
    token: admin.token,
    raw: lines.join("\r\n") + "\r\n",
    headers: { "content-type": "text/csv" },
  });
  expect(res.status).toBe(201);
}

async function walk(
  admin: Session,
  query: string,
): Promise<{ pages: number; names: string[]; revenues: (number | null)[]; cursors: string[] }> {
  const names: string[] = [];
  const revenues: (number | null)[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await api(
      "GET",
      `/crm/customers?${query}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    for (const item of res.body.items) {
      names.push(item.data.name);
      revenues.push(item.data.revenue ?? null);
    }
    cursor = res.body.nextCursor;
    if (cursor) cursors.push(cursor);
    pages++;
  } while (cursor && pages < 100);
  return { pages, names, revenues, cursors };
}

async function plan(admin: Session, query: ListQuery): Promise<string> {
  const tdb = new TenantDb(await tenantD1(admin.tenantId), admin.tenantId);
  const ctx = await loadEntity(env, admin.tenantId, "customers");
  const principal: Principal = { userId: admin.userId, tenantId: admin.tenantId, role: "admin", sessionId: "s" };
  const { statement } = listStatement(tdb, ctx, principal, query);
  const rows = await tdb.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`);
  return rows.map((r) => r.detail).join(" | ");
}

describe("keyset pages seek on the sort-key index", () => {
  it("walks a nullable field in both directions: every record once, in SQLite's null order", async () => {
    const admin = await makeTenant();
    await seed(admin, 40);
    for (const dir of ["", "-"]) {
      const { names, revenues } = await walk(admin, `sort=${dir}revenue`);
      expect(new Set(names).size).toBe(40);
      const key = (r: number | null) => (r === null ? -Infinity : r);
      for (let i = 1; i < revenues.length; i++) {
        if (dir === "") expect(key(revenues[i]!)).toBeGreaterThanOrEqual(key(revenues[i - 1]!));
        else expect(key(revenues[i]!)).toBeLessThanOrEqual(key(revenues[i - 1]!));
      }
      expect(revenues[dir === "" ? 0 : revenues.length - 1]).toBeNull();
    }
    // Mixed directions (a range on the first key, the rest within its ties) and several keys.
    const mixed = await walk(admin, "sort=-revenue,name");
    expect(new Set(mixed.names).size).toBe(40);
    const same = await walk(admin, "sort=revenue,name");
    expect(new Set(same.names).size).toBe(40);
  });

  it("uses the index range for the first and a deep page (no scan of tenant and entity, no sort)", async () => {
    const admin = await makeTenant();
    await seed(admin, 60);
    await ensureFieldIndexes(await tenantD1(admin.tenantId), [], ["revenue", "name"]);
    const { cursors } = await walk(admin, "sort=-revenue");
    const deep = cursors.at(-2)!;

    const first = await plan(admin, { sort: "-revenue", limit: 50 });
    expect(first).toMatch(/SEARCH records USING INDEX records_k_revenue_\w+ \(tenant_id=\? AND entity=\?\)/);
    expect(first).not.toMatch(/TEMP B-TREE/);

    const deepPlan = await plan(admin, { sort: "-revenue", limit: 50, cursor: deep });
    expect(deepPlan).toMatch(
      /SEARCH records USING INDEX records_k_revenue_\w+ \(tenant_id=\? AND entity=\? AND <expr><\?\)/,
    );
    expect(deepPlan).not.toMatch(/TEMP B-TREE/);

    const byName = await walk(admin, "sort=name");
    const namePlan = await plan(admin, { sort: "name", limit: 50, cursor: byName.cursors[3]! });
    expect(namePlan).toMatch(
      /SEARCH records USING INDEX records_k_name_\w+ \(tenant_id=\? AND entity=\? AND <expr>>\?\)/,
    );
  });

  it("refuses a cursor of another sort or an altered one with a clear 400", async () => {
    const admin = await makeTenant();
    await seed(admin, 10);
    const { cursors } = await walk(admin, "sort=-revenue");
    const other = await api("GET", `/crm/customers?sort=name&cursor=${encodeURIComponent(cursors[0]!)}`, {
      token: admin.token,
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/cursor/i);
    const altered = await api(
      "GET",
      `/crm/customers?sort=-revenue&cursor=${encodeURIComponent(cursors[0]!.slice(0, -3) + "xyz")}`,
      { token: admin.token },
    );
    expect(altered.status).toBe(400);
  });

  it("reads an unsorted search from the search index, newest first: the oldest matches cost a page too", async () => {
    const admin = await makeTenant();
    await seed(admin, 60);
    // "Customer 00…" are the oldest rows: a walk of the entity from its newest row would read it all.
    const plan0 = await plan(admin, { q: "customer 00", limit: 5 });
    expect(plan0).toMatch(/SCAN records_search VIRTUAL TABLE/);
    expect(plan0).toMatch(/SEARCH records USING INDEX records_search_rowid \(search_rowid=\?\)/);
    expect(plan0).not.toMatch(/TEMP B-TREE|records_list/);

    const { names, cursors } = await walk(admin, "q=customer%2000");
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `Customer 00${9 - i}`));
    expect(cursors).toHaveLength(1);
    const deep = await plan(admin, { q: "customer 00", limit: 5, cursor: cursors[0] });
    expect(deep).toMatch(/SCAN records_search VIRTUAL TABLE/);
    expect(deep).not.toMatch(/TEMP B-TREE|records_list/);

    // Every record once, newest first, across pages; a new record leads.
    const all = await walk(admin, "q=customer");
    expect(all.names).toHaveLength(60);
    expect(all.names[0]).toBe("Customer 059");
    const created = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Customer newest" } });
    expect(created.status).toBe(201);
    expect((await walk(admin, "q=customer")).names[0]).toBe("Customer newest");
    // A cursor of the search order is not one of another sort.
    const other = await api(
      "GET",
      `/crm/customers?q=customer&sort=name&cursor=${encodeURIComponent(all.cursors[0]!)}`,
      {
        token: admin.token,
      },
    );
    expect(other.status).toBe(400);
  });
});
