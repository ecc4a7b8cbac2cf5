import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ftsMatch } from "../../../../worker/services/records/search-text";
import { api, eventually, makeTenant, makeTenantOn, shardOf, tenantD1 } from "../../helpers";

// Rows are looked at on the tenant's own shard (every test sets `db` from its tenant).
let db: D1Database = env.DB;
const one = <T>(q: string, ...binds: unknown[]) =>
  db
    .prepare(q)
    .bind(...binds)
    .first<T>();
const count = async (q: string, ...binds: unknown[]) => (await one<{ n: number }>(q, ...binds))!.n;

describe("record writes: one batch, nothing read first", () => {
  it("a create writes its search entry, audit row and outbox event exactly once, and the drain marks it", async () => {
    const admin = await makeTenant();
    db = await tenantD1(admin.tenantId);
    const res = await api("POST", "/crm/customers", {
      token: admin.token,
      body: { name: "Numbat Networks", email: "hi@example.test" },
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    const row = (await one<{ search_rowid: number }>(
      "SELECT search_rowid FROM records WHERE tenant_id = ? AND id = ?",
      admin.tenantId,
      id,
    ))!;
    expect(row.search_rowid).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM records_search WHERE rowid = ?", row.search_rowid)).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM records_search WHERE records_search MATCH ?",
        ftsMatch(admin.tenantId, "numbat", ["customers"]),
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND target_id = ? AND action = 'record.created'",
        admin.tenantId,
        id,
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE tenant_id = ? AND record_id = ? AND type = 'record.created'",
        admin.tenantId,
        id,
      ),
    ).toBe(1);
    await eventually(
      async () =>
        (await count(
          "SELECT count(*) AS n FROM events WHERE tenant_id = ? AND processed_at IS NULL",
          admin.tenantId,
        )) === 0,
      4000,
      "the drain",
    );

    // An update replaces the entry in place; a delete removes it.
    expect(
      (await api("PATCH", `/crm/customers/${id}`, { token: admin.token, body: { name: "Quoll Networks" } })).status,
    ).toBe(200);
    expect(await count("SELECT count(*) AS n FROM records_search WHERE rowid = ?", row.search_rowid)).toBe(1);
    expect((await api("GET", "/crm/customers?q=numbat", { token: admin.token })).body.items).toEqual([]);
    expect((await api("GET", "/crm/customers?q=quoll", { token: admin.token })).body.items).toHaveLength(1);
    expect((await api("DELETE", `/crm/customers/${id}`, { token: admin.token })).status).toBe(204);
    expect(await count("SELECT count(*) AS n FROM records_search WHERE rowid = ?", row.search_rowid)).toBe(0);
    expect((await api("GET", "/crm/search?q=quoll", { token: admin.token })).body.items).toEqual([]);
  });

  it("a create after a deleted newest record does not reuse its search rowid", async () => {
    const admin = await makeTenant();
    const first = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Dingo One" } });
    expect((await api("DELETE", `/crm/customers/${first.body.id}`, { token: admin.token })).status).toBe(204);
    const second = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Dingo Two" } });
    expect(second.status).toBe(201);
    expect(
      (await api("GET", "/crm/customers?q=dingo", { token: admin.token })).body.items.map((i: { id: string }) => i.id),
    ).toEqual([second.body.id]);
  });

  it("rows without a search entry (older than migration 0020) are indexed before the first search", async () => {
    const admin = await makeTenant();
    const created = await api("POST", "/crm/deals", { token: admin.token, body: { name: "Bilby renewal" } });
    expect(created.status).toBe(201);
    // As the migration leaves them: no entry, search_rowid NULL. A fresh entity key for this isolate.
    db = await tenantD1(admin.tenantId);
    await db
      .prepare("DELETE FROM records_search WHERE rowid = (SELECT search_rowid FROM records WHERE id = ?)")
      .bind(created.body.id)
      .run();
    await db.prepare("UPDATE records SET search_rowid = NULL WHERE id = ?").bind(created.body.id).run();
    const other = await makeTenantOn(await shardOf(admin)); // the record moves to it, on the same shard
    await db.prepare("UPDATE records SET tenant_id = ? WHERE id = ?").bind(other.tenantId, created.body.id).run();
    const hits = (await api("GET", "/crm/deals?q=bilby", { token: other.token })).body.items;
    expect(hits.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    expect(
      await count("SELECT count(*) AS n FROM records WHERE tenant_id = ? AND search_rowid IS NULL", other.tenantId),
    ).toBe(0);
  });
});
