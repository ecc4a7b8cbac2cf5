import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ftsMatch, scopeToken, searchWords, snippetOf } from "../../../../worker/services/records/search-text";
import { customerForm } from "../../../../worker/shared/config/starter-forms";
import { api, makeTenant, type Json, type Session } from "../../helpers";

const create = (s: Session, entity: string, body: unknown) => api("POST", `/crm/${entity}`, { token: s.token, body });
// Summed over every database: tenants are placed on different shards.
const matches = async (match: string | null) => {
  let n = 0;
  for (const d1 of [env.DB, env.SHARD_0, env.SHARD_1]) {
    n += (await d1
      .prepare("SELECT count(*) AS n FROM records_search WHERE records_search MATCH ?")
      .bind(match)
      .first<{ n: number }>())!.n;
  }
  return n;
};

describe("search scoped to a tenant's entity", () => {
  it("a query's terms match only that tenant's and entity's index entries", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    for (const s of [a, b]) {
      await create(s, "customers", { name: "Quokka Holdings" });
      await create(s, "customers", { name: "Quokka Partners" });
      await create(s, "cases", { subject: "Quokka escalation" });
    }
    // Inside the FTS index itself, not only after the join with records.
    expect(await matches(ftsMatch(a.tenantId, "quok", ["customers"]))).toBe(2);
    expect(await matches(ftsMatch(a.tenantId, "quokka", ["cases"]))).toBe(1);
    expect(await matches(ftsMatch(a.tenantId, "quo", ["customers", "cases"]))).toBe(3);
    expect(scopeToken(a.tenantId, "customers")).not.toBe(scopeToken(b.tenantId, "customers"));
    expect(scopeToken(a.tenantId, "customers")).toHaveLength(scopeToken(b.tenantId, "cases").length);

    const list = await api("GET", "/crm/customers?q=quok", { token: a.token });
    expect(list.body.items).toHaveLength(2);
    const global = await api("GET", "/crm/search?q=quokka", { token: b.token });
    expect(global.body.items.map((i: Json) => i.entity).sort()).toEqual(["cases", "customers", "customers"]);
  });

  it("takes the words before the last as typed in full and the last as a prefix, unless a space ends it", async () => {
    const a = await makeTenant();
    await create(a, "customers", { name: "Numbat Island" });
    await create(a, "customers", { name: "Numbats Islet" });
    const names = async (q: string) =>
      (await api("GET", `/crm/customers?q=${encodeURIComponent(q)}`, { token: a.token })).body.items
        .map((r: Json) => r.data.name)
        .sort();
    expect(await names("numbat")).toEqual(["Numbat Island", "Numbats Islet"]);
    expect(await names("numbat isl")).toEqual(["Numbat Island"]);
    expect(await names("numb isl")).toEqual([]);
    expect(await names("numbats islet")).toEqual(["Numbats Islet"]);
    expect(await names("numbat isl ")).toEqual([]);
    expect(ftsMatch(a.tenantId, "numbat isl", ["customers"])).toMatch(/^\("s\w+numbat" AND "s\w+isl"\*\)$/);
  });

  it("folds case and accents the same way for text and query; words of hidden fields are not indexed", () => {
    expect(searchWords("Crème BRÛLÉE, ﬁne")).toEqual(["creme", "brulee", "fine"]);
    const form = customerForm();
    form.fields.push({ name: "secret", label: "Secret", type: "text", access: { read: "manager" } });
    expect(snippetOf(form, { name: "Acme", secret: "zebracode" }, "zebra")).toBeNull();
  });

  it("ranks by bm25, newest first among equals, and marks the words in a snippet", async () => {
    const admin = await makeTenant();
    const long = await create(admin, "customers", {
      name: "Longwinded Ltd",
      company: "wombat and many other words that say little about anything in particular at all",
    });
    const twinOld = await create(admin, "customers", { name: "Twin One", company: "wombat wombat" });
    const twinNew = await create(admin, "customers", { name: "Twin Two", company: "wombat wombat" });
    const res = await api("GET", "/crm/search?q=wombat", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Json) => i.id)).toEqual([twinNew.body.id, twinOld.body.id, long.body.id]);
    expect(res.body.items[0].snippet).toEqual({
      field: "company",
      text: "wombat wombat",
      marks: [
        [0, 6],
        [7, 13],
      ],
    });

    const accented = await create(admin, "customers", { name: "Société Générale" });
    const hit = (await api("GET", "/crm/search?q=societe%20gen", { token: admin.token })).body.items;
    expect(hit.map((i: Json) => i.id)).toEqual([accented.body.id]);
    expect(hit[0].snippet).toEqual({
      field: "name",
      text: "Société Générale",
      marks: [
        [0, 7],
        [8, 16],
      ],
    });
  });

  it("cuts a window around the first match from a long field", () => {
    const form = customerForm();
    const company = `${"filler ".repeat(40)}needle here ${"tail ".repeat(40)}`;
    const s = snippetOf(form, { name: "X", company }, "needle")!;
    expect(s.field).toBe("company");
    expect(s.text.length).toBeLessThanOrEqual(122);
    const [from, to] = s.marks[0]!;
    expect(s.text.slice(from, to)).toBe("needle");
  });
});
