import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatCsv, parseCsv } from "../../../worker/shared/csv";
import { api, makeMember, makeTenant, openSocket, publishConfig, type Json, type Session } from "../helpers";

const create = (s: Session, entity: string, body: unknown) => api("POST", `/crm/${entity}`, { token: s.token, body });
const list = async (s: Session, entity: string, query = "") =>
  (await api("GET", `/crm/${entity}?limit=200${query}`, { token: s.token })).body.items as Json[];

/** The export as bytes (to see the BOM, which Response.text() drops) and as parsed records. */
async function exportCsv(s: Session, entity: string, query = "") {
  const res = await exports.default.fetch(`http://pulse.test/api/crm/${entity}/export.csv${query}`, {
    headers: { authorization: `Bearer ${s.token}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  return {
    status: res.status,
    headers: res.headers,
    text,
    rows: res.status === 200 ? parseCsv(text) : [],
    body: res.status === 200 ? null : JSON.parse(text),
  };
}

/** Records of an export as objects keyed by the header. */
const objects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]])));

const importCsv = (s: Session, entity: string, text: string, query = "") =>
  api("POST", `/crm/${entity}/import${query}`, { token: s.token, raw: text, headers: { "content-type": "text/csv" } });

const projectsForm = {
  title: "Project",
  fields: [
    { name: "title", label: "Title", type: "text", required: true, unique: true },
    {
      name: "tags",
      label: "Tags",
      type: "multiselect",
      options: [
        { value: "red", label: "Red" },
        { value: "blue", label: "Blue" },
        { value: "green", label: "Green" },
      ],
    },
    { name: "active", label: "Active", type: "boolean" },
    { name: "budget", label: "Budget", type: "currency" },
    { name: "due", label: "Due", type: "date" },
    { name: "secret", label: "Secret", type: "text", access: { read: "manager" } },
  ],
};

describe("records CSV export", () => {
  it("streams every matching record as RFC 4180 CSV with a BOM, field names in the header", async () => {
    const admin = await makeTenant();
    const tricky = {
      name: 'Acme, "the" Corp',
      company: "two\nlines",
      notes: "Zoë · 東京 · 🚀",
      email: "ops@acme.test",
      revenue: 1200.5,
    };
    const made = await create(admin, "customers", tricky);
    const res = await exportCsv(admin, "customers");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(
      res.text.startsWith(
        "\uFEFFid,name,email,phone,company,tier,revenue,notes,churnReason,ownerId,createdAt,updatedAt\r\n",
      ),
    ).toBe(true);
    expect(res.text).toContain('"Acme, ""the"" Corp"');
    const [row] = objects(res.rows);
    expect(row).toMatchObject({
      id: made.body.id,
      ...tricky,
      revenue: "1200.5",
      tier: "silver",
      phone: "",
      ownerId: admin.userId,
      createdAt: made.body.createdAt,
    });
  });

  it("round-trips: an exported file imports into another workspace with the same values", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
    await create(admin, "projects", {
      title: 'Launch, phase "1"',
      tags: ["red", "green"],
      active: true,
      budget: 99.99,
      due: "2026-04-01",
      secret: "=cmd|' /C calc'!A0",
    });
    await create(admin, "projects", { title: "Empty\r\nline", active: false });
    const exported = await exportCsv(admin, "projects");
    const row = objects(exported.rows).find((r) => r.title?.startsWith("Launch"));
    expect(row).toMatchObject({ tags: "red; green", active: "true", budget: "99.99", secret: "'=cmd|' /C calc'!A0" });

    const other = await makeTenant();
    await publishConfig(other, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
    const imported = await importCsv(other, "projects", exported.text);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: 2, ignoredColumns: ["id", "ownerId", "createdAt", "updatedAt"] });
    const data = (items: Json[]) => items.map((r) => r.data).sort((a, b) => a.title.localeCompare(b.title));
    expect(data(await list(other, "projects"))).toEqual(data(await list(admin, "projects")));
  });

  it("applies a view's filter and columns, and leaves out what the role may not read", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    await create(admin, "customers", { name: "Gold A", tier: "gold", revenue: 10 });
    await create(admin, "customers", { name: "Silver B", tier: "silver", revenue: 20 });
    await create(admin, "customers", { name: "Gold C", tier: "gold", revenue: 30 });
    const asAdmin = await exportCsv(admin, "customers", "?view=gold");
    expect(asAdmin.rows[0]).toEqual([
      "id",
      "name",
      "email",
      "company",
      "tier",
      "revenue",
      "updatedAt",
      "ownerId",
      "createdAt",
    ]);
    // the view sorts by revenue, descending
    expect(objects(asAdmin.rows).map((r) => r.name)).toEqual(["Gold C", "Gold A"]);

    const asViewer = await exportCsv(viewer, "customers", "?view=gold");
    expect(asViewer.rows[0]).toEqual(["id", "name", "email", "company", "tier", "updatedAt", "ownerId", "createdAt"]);
    const all = await exportCsv(viewer, "customers");
    expect(all.rows[0]).not.toContain("revenue");
    expect(all.rows.flat()).not.toContain("30");
    expect(objects(all.rows)).toHaveLength(3);
  });

  it("takes where, sort and q like the list, and refuses filtering by a hidden field", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    for (const name of ["Alpha widget", "Beta", "Gamma widget"]) await create(admin, "customers", { name });
    const q = await exportCsv(admin, "customers", "?q=widget&sort=-name");
    expect(objects(q.rows).map((r) => r.name)).toEqual(["Gamma widget", "Alpha widget"]);
    const where = encodeURIComponent(JSON.stringify({ field: "name", op: "eq", value: "Beta" }));
    expect(objects((await exportCsv(admin, "customers", `?where=${where}`)).rows).map((r) => r.name)).toEqual(["Beta"]);
    const hidden = await exportCsv(viewer, "customers", "?sort=-revenue");
    expect(hidden.status).toBe(403);
    expect((await exportCsv(admin, "customers", "?view=nope")).status).toBe(404);
    expect((await exportCsv(admin, "nothing")).body.error.code).toBe("unknown_entity");
  });

  it("writes a workflow's status column and quotes cells a spreadsheet would run as formulas", async () => {
    const admin = await makeTenant();
    await create(admin, "customers", {
      name: '=HYPERLINK("http://evil")',
      phone: "+1 202 555 0100",
      company: "@SUM(A1)",
      notes: "-2+3",
    });
    const { text, rows } = await exportCsv(admin, "customers");
    const [row] = objects(rows);
    expect(row).toMatchObject({
      name: '\'=HYPERLINK("http://evil")',
      phone: "'+12025550100",
      company: "'@SUM(A1)",
      notes: "'-2+3",
    });
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    await create(admin, "deals", { name: "Big", amount: 5 });
    const deals = await exportCsv(admin, "deals");
    expect(deals.rows[0]).toEqual([
      "id",
      "name",
      "customer",
      "amount",
      "closeDate",
      "source",
      "discount",
      "probability",
      "notes",
      "status",
      "ownerId",
      "createdAt",
      "updatedAt",
    ]);
    expect(objects(deals.rows)[0]).toMatchObject({ status: "lead", probability: "10", discount: "0" });
  });

  it("pages through more records than one list page, and only this workspace's", async () => {
    const admin = await makeTenant();
    const other = await makeTenant();
    const header = "name,email\r\n";
    const body = Array.from({ length: 450 }, (_, i) => `Customer ${i},c${i}@x.test\r\n`).join("");
    expect((await importCsv(admin, "customers", header + body)).status).toBe(201);
    await create(other, "customers", { name: "Not yours" });
    const { rows } = await exportCsv(admin, "customers", "?sort=email");
    const names = objects(rows).map((r) => r.name);
    expect(names).toHaveLength(450);
    expect(new Set(names).size).toBe(450);
    expect(names).not.toContain("Not yours");
    expect(objects((await exportCsv(other, "customers")).rows).map((r) => r.name)).toEqual(["Not yours"]);
  });
});

describe("records CSV import", () => {
  it("creates every row: listed, searchable, with history and an owner", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const csv = formatCsv([
      ["name", "email", "tier", "notes"],
      ["Acme", "OPS@acme.test", "gold", "loves zeppelins"],
      ["Globex", "", "", ""],
    ]);
    const res = await importCsv(agent, "customers", csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 2, ids: [expect.any(String), expect.any(String)], ignoredColumns: [] });
    const items = await list(admin, "customers", "&sort=name");
    expect(items.map((r) => r.data)).toEqual([
      { name: "Acme", email: "OPS@acme.test", tier: "gold", notes: "loves zeppelins" },
      { name: "Globex", tier: "silver" }, // empty cells are absent: the default applies
    ]);
    expect(items.every((r) => r.ownerId === agent.userId && r.version === 1)).toBe(true);
    expect((await list(admin, "customers", "&q=zeppelin")).map((r) => r.data.name)).toEqual(["Acme"]);
    const history = await api("GET", `/crm/customers/${res.body.ids[0]}/history`, { token: admin.token });
    expect(history.body.items).toEqual([
      expect.objectContaining({ action: "record.created", actor: expect.objectContaining({ id: agent.userId }) }),
    ]);
  });

  it("announces each imported record on the realtime socket after the commit", async () => {
    const admin = await makeTenant();
    const socket = await openSocket(admin);
    await socket.next((m) => m.type === "hello");
    const res = await importCsv(admin, "customers", "name\r\nA\r\nB\r\n");
    for (const id of res.body.ids) {
      expect(await socket.next((m) => m.type === "record.changed" && m.id === id)).toEqual({
        type: "record.changed",
        entity: "customers",
        id,
        op: "created",
        version: 1,
      });
    }
    socket.close();
  });

  it("writes nothing when one row is rejected, and reports the row and field", async () => {
    const admin = await makeTenant();
    const csv = formatCsv([
      ["name", "email", "tier"],
      ["Good", "good@x.test", "gold"],
      ["Bad", "not-an-email", "platinum"],
      ["", "", ""],
      ["", "no-name@x.test", ""],
    ]);
    const res = await importCsv(admin, "customers", csv);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.message).toMatch(/2 of 3 rows were rejected; nothing was imported/);
    expect(res.body.error.details).toEqual([
      { path: "rows[3].email", message: expect.any(String), row: 3, field: "email" },
      { path: "rows[3].tier", message: expect.stringContaining("gold"), row: 3, field: "tier" },
      { path: "rows[5].name", message: "is required", row: 5, field: "name" }, // row 4 is blank and skipped
    ]);
    expect(await list(admin, "customers")).toEqual([]);
  });

  it("rejects unique values repeated within the file or already taken", async () => {
    const admin = await makeTenant();
    await create(admin, "customers", { name: "Existing", email: "taken@x.test" });
    const csv = formatCsv([
      ["name", "email"],
      ["A", "a@x.test"],
      ["B", "TAKEN@x.test"],
      ["C", "A@X.test"],
      ["D", "d@x.test"],
    ]);
    const res = await importCsv(admin, "customers", csv);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: "rows[3].email", message: "is already used by another record" }),
      expect.objectContaining({ path: "rows[4].email", message: "repeats the value of row 2; it must be unique" }),
    ]);
    expect((await list(admin, "customers")).map((r) => r.data.name)).toEqual(["Existing"]);
  });

  it("refuses unknown and repeated columns, naming them, and a malformed file", async () => {
    const admin = await makeTenant();
    const unknown = await importCsv(admin, "customers", "name,colour,email,name\r\nA,red,a@x.test,A\r\n");
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toBe("Unknown or repeated columns: colour, name");
    expect(unknown.body.error.details).toEqual([
      { path: "columns[1]", message: '"colour" is not a field of customers' },
      { path: "columns[3]", message: '"name" is a repeated column' },
    ]);
    const broken = await importCsv(admin, "customers", 'name\r\n"unclosed\r\n', "?firstRow=40");
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({
      message: "The file is not valid CSV: a quoted field is never closed (row 40)",
      details: [{ path: "rows[40]" }],
    });
    expect((await importCsv(admin, "customers", "")).status).toBe(422);
    expect((await importCsv(admin, "customers", "name\r\n")).status).toBe(422);
    const wide = await importCsv(admin, "customers", "name\r\nA,extra\r\n");
    expect(wide.body.error.details).toEqual([expect.objectContaining({ path: "rows[2]", row: 2 })]);
    const semicolons = await importCsv(admin, "customers", "name;email\r\nA;a@x.test\r\n");
    expect(semicolons.body.error.message).toMatch(/semicolons/);
    const latin1 = await exports.default.fetch("http://pulse.test/api/crm/customers/import", {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "text/csv" },
      // "name\r\nZoë" in Latin-1
      body: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0d, 0x0a, 0x5a, 0x6f, 0xeb, 0x0d, 0x0a]),
    });
    expect(latin1.status).toBe(400);
    expect(await latin1.json()).toMatchObject({
      error: { code: "bad_request", message: expect.stringContaining("UTF-8") },
    });
    const json = await api("POST", "/crm/customers/import", { token: admin.token, body: { name: "A" } });
    expect(json.status).toBe(415);
    expect(await list(admin, "customers")).toEqual([]);
  });

  it("dryRun validates and writes nothing", async () => {
    const admin = await makeTenant();
    const csv = formatCsv([["name"], ["A"], ["B"]]);
    const ok = await importCsv(admin, "customers", csv, "?dryRun=true");
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ valid: true, rows: 2, ignoredColumns: [] });
    const bad = await importCsv(
      admin,
      "customers",
      formatCsv([
        ["name", "tier"],
        ["A", "nope"],
      ]),
      "?dryRun=true",
    );
    expect(bad.status).toBe(422);
    expect(await list(admin, "customers")).toEqual([]);
  });

  it("is for agents and up; a value in a field the role may not write is 403", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    const agent = await makeMember(admin, "agent");
    expect((await importCsv(viewer, "customers", "name\r\nA\r\n")).status).toBe(403);
    const revenue = await importCsv(agent, "customers", "name,revenue\r\nA,100\r\nB,\r\n");
    expect(revenue.status).toBe(403);
    expect(revenue.body.error.details).toEqual([expect.objectContaining({ path: "columns[1]" })]);
    expect((await importCsv(agent, "customers", "name,revenue\r\nA,\r\n")).status).toBe(201);
    const manager = await makeMember(admin, "manager");
    expect((await importCsv(manager, "customers", "name,revenue\r\nM,100\r\n")).status).toBe(201);
    expect((await list(admin, "customers", "&sort=name")).map((r) => [r.data.name, r.data.revenue])).toEqual([
      ["A", undefined],
      ["M", 100],
    ]);
  });

  it("imported records: first workflow step, references checked, system and read-only columns ignored", async () => {
    const admin = await makeTenant();
    const customer = await create(admin, "customers", { name: "Acme" });
    const csv = formatCsv([
      ["id", "name", "customer", "amount", "probability", "status", "ownerId"],
      ["rec_x", "Big", customer.body.id, "1000", "90", "won", "someone"],
      ["", "Small", "", "5", "", "", ""],
    ]);
    const res = await importCsv(admin, "deals", csv);
    expect(res.status).toBe(201);
    expect(res.body.ignoredColumns).toEqual(["id", "probability", "status", "ownerId"]);
    const deals = await list(admin, "deals", "&sort=name");
    expect(deals.map((d) => [d.data.name, d.status, d.data.probability, d.ownerId])).toEqual([
      ["Big", "lead", 10, admin.userId],
      ["Small", "lead", 10, admin.userId],
    ]);
    expect(deals[0].data.customer).toBe(customer.body.id);
    expect(deals.map((d) => d.id)).not.toContain("rec_x");

    const missing = await importCsv(
      admin,
      "deals",
      formatCsv([
        ["name", "customer"],
        ["X", "rec_missing"],
        ["Y", deals[0].id],
      ]),
    );
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual([
      expect.objectContaining({ path: "rows[2].customer", message: "must reference an existing customers record" }),
      expect.objectContaining({ path: "rows[3].customer" }),
    ]);
  });

  it("reports rows by their place in the whole file when a large file comes in parts", async () => {
    const admin = await makeTenant();
    const res = await importCsv(
      admin,
      "customers",
      formatCsv([
        ["name", "email"],
        ["A", "a@x.test"],
        ["B", "bad"],
      ]),
      "?firstRow=502",
    );
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: "rows[503].email", row: 503 })]);
  });

  it("never touches another workspace: its records stay, its ids do not resolve", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const theirs = await create(a, "customers", { name: "A's customer", email: "shared@x.test" });
    expect((await importCsv(b, "customers", "name,email\r\nB's customer,shared@x.test\r\n")).status).toBe(201);
    const ref = await importCsv(
      b,
      "deals",
      formatCsv([
        ["name", "customer"],
        ["Steal", theirs.body.id],
      ]),
    );
    expect(ref.status).toBe(422);
    expect((await list(a, "customers")).map((r) => r.data.name)).toEqual(["A's customer"]);
    expect(await list(a, "deals")).toEqual([]);
    expect((await list(b, "customers")).map((r) => r.data.name)).toEqual(["B's customer"]);
    await publishConfig(a, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
    const noEntity = await importCsv(b, "projects", "title\r\nX\r\n");
    expect(noEntity.status).toBe(404);
    expect(noEntity.body.error.code).toBe("unknown_entity");
  });

  it("takes up to 1,000 rows per request and refuses more with 413", async () => {
    const admin = await makeTenant();
    const rows = (n: number) => "name\r\n" + Array.from({ length: n }, (_, i) => `C${i}\r\n`).join("");
    const max = await importCsv(admin, "customers", rows(1000), "?dryRun=true");
    expect(max.body).toEqual({ valid: true, rows: 1000, ignoredColumns: [] });
    const over = await importCsv(admin, "customers", rows(1001));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("1000") });
    expect(await list(admin, "customers")).toEqual([]);
  });

  it("publishes both routes in the OpenAPI document", async () => {
    const doc = await api("GET", "/openapi.json");
    expect(doc.body.paths["/api/crm/{entity}/export.csv"].get.tags).toEqual(["Records"]);
    expect(doc.body.paths["/api/crm/{entity}/import"].post.requestBody.content).toHaveProperty("text/csv");
  });
});
