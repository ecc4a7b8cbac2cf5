import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TenantDb } from "../../../../worker/db/tenant-db";
import type { Principal } from "../../../../worker/lib/app-env";
import { loadEntity } from "../../../../worker/services/records/entity";
import { referenceFields } from "../../../../worker/services/records/indexes";
import { countStatement, listStatement } from "../../../../worker/services/records/read";
import { TIMELINE_KINDS, TIMELINE_SOURCES } from "../../../../worker/services/records/timeline-sources";
import { starterSnapshot } from "../../../../worker/shared/config/starter";
import { makeTenant, tenantD1 } from "../../helpers";

// A record page reads what points at the record and what happened to it. Each of those
// statements seeks on an index to this one record and, where it pages, reads in the page's order
// and stops: never a walk over the tenant's records, audit log, activities or messages, whatever
// their number. The plans are SQLite's own (EXPLAIN QUERY PLAN) for the SQL the routes run.

async function setup() {
  const admin = await makeTenant(); // registering publishes the starter config, and its indexes
  const d1 = await tenantD1(admin.tenantId);
  const tdb = new TenantDb(d1, admin.tenantId);
  const principal: Principal = { userId: admin.userId, tenantId: admin.tenantId, role: "admin", sessionId: "s" };
  const explain = async (statement: { toSQL(): { sql: string; params: unknown[] } }) => {
    const q = statement.toSQL();
    const plan = await d1
      .prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    return plan.results.map((r) => r.detail).join(" | ");
  };
  return { admin, tdb, principal, explain };
}

describe("the record page's query plans", () => {
  it("reads a related list's newest rows and its total from the reference's index", async () => {
    expect(referenceFields(starterSnapshot())).toContain("customer");
    const { admin, tdb, principal } = await setup();
    const deals = await loadEntity(env, admin.tenantId, "deals");
    const where = { field: "customer", op: "eq" as const, value: "rec_x" };
    const page = listStatement(tdb, deals, principal, { where: JSON.stringify(where), limit: 20 });
    const planOf = async (statement: ReturnType<typeof sql>) =>
      (await tdb.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`)).map((r) => r.detail).join(" | ");
    const pagePlan = await planOf(page.statement);
    expect(pagePlan).toMatch(/USING INDEX records_r_customer_\w+ \(tenant_id=\? AND entity=\? AND <expr>=\?\)/);
    expect(pagePlan).not.toMatch(/TEMP B-TREE/);
    const count = countStatement(tdb, deals, principal, where);
    expect(await planOf(count.getSQL())).toMatch(/records_r_customer_\w+ \(tenant_id=\? AND entity=\? AND <expr>=\?\)/);
  });

  it("reads each timeline source newest first from the record's own rows", async () => {
    const { tdb, explain } = await setup();
    const kinds = new Set(TIMELINE_KINDS);
    const after = { at: Date.now(), id: "zzz" };
    for (const entity of ["customers", "cases"]) {
      for (const position of [undefined, after]) {
        const plans = TIMELINE_SOURCES.flatMap(
          (s) => s.read({ tdb, entity, recordId: "rec_x" }, { after: position, limit: 16, kinds }) ?? [],
        ).map((r) => explain(r.statement as unknown as { toSQL(): { sql: string; params: unknown[] } }));
        const [audit, activity, message, email] = await Promise.all(plans);
        expect(audit).toMatch(/USING INDEX audit_log_target \(tenant_id=\? AND target_type=\? AND target_id=\?/);
        expect(activity).toMatch(/USING INDEX activities_record \(tenant_id=\? AND record_id=\?/);
        expect(message).toMatch(
          entity === "cases"
            ? /USING INDEX inbox_case \(tenant_id=\? AND case_id=\?/
            : /USING INDEX inbox_customer \(tenant_id=\? AND customer_id=\?/,
        );
        expect(email).toMatch(/USING INDEX email_outbox_record \(tenant_id=\? AND record_id=\?/);
        for (const plan of [audit, activity, message]) expect(plan).not.toMatch(/TEMP B-TREE|SCAN/);
      }
    }
  });
});
