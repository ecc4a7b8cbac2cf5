import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ensureFieldIndexes, viewedFields } from "../../../worker/services/records/indexes";
import { starterSnapshot } from "../../../worker/shared/config/starter";

describe("expression indexes for viewed fields", () => {
  it("indexes the fields views sort and filter on, and the planner uses them for a sorted page", async () => {
    const fields = viewedFields(starterSnapshot());
    expect(fields).toContain("amount");
    expect(fields).not.toContain("status");
    await ensureFieldIndexes(env.DB, ["amount"]);
    expect(await ensureFieldIndexes(env.DB, ["amount"])).toEqual([]); // idempotent
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT records.id FROM records WHERE records.tenant_id = ? AND records.entity = ?
        AND records.deleted_at IS NULL
       ORDER BY json_extract(records.data, '$.amount') DESC, records.id DESC LIMIT 51`,
    )
      .bind("t", "deals")
      .all<{ detail: string }>();
    const detail = plan.results.map((r) => r.detail).join(" | ");
    expect(detail).toMatch(/records_f_amount/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it("serves the default newest-first page from the list index without sorting", async () => {
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT records.id FROM records WHERE records.tenant_id = ? AND records.entity = ?
        AND records.deleted_at IS NULL
       ORDER BY records.created_at DESC, records.id DESC LIMIT 51`,
    )
      .bind("t", "deals")
      .all<{ detail: string }>();
    const detail = plan.results.map((r) => r.detail).join(" | ");
    expect(detail).toMatch(/records_list/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
