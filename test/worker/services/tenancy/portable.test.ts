import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { NOT_EXPORTED, TENANT_TABLES } from "../../../../worker/services/tenancy/portable";

describe("whole-tenant export catalogue", () => {
  it("covers every table with a tenant_id: a new tenant table must be exported (or named control plane)", async () => {
    const { results: tables } = await env.SHARD_0.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'records_fts%' " +
        "AND name NOT LIKE 'records_search%' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'",
    ).all<{ name: string }>();
    const tenantTables: string[] = [];
    for (const { name } of tables) {
      const { results: cols } = await env.SHARD_0.prepare("SELECT name FROM pragma_table_info(?)")
        .bind(name)
        .all<{ name: string }>();
      if (cols.some((c) => c.name === "tenant_id")) tenantTables.push(name);
    }
    expect(tenantTables.length).toBeGreaterThan(10);
    const known = new Set([...TENANT_TABLES.map((t) => t.table), ...NOT_EXPORTED]);
    expect(tenantTables.filter((name) => !known.has(name))).toEqual([]);
  });
});
