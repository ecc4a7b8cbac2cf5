import { describe, expect, it } from "vitest";
import { customerForm } from "../../../worker/shared/config/starter-forms";
import { api, makeMember, makeTenant, publishConfig } from "../helpers";
import { callTool, mcpClient, newKey, rawMcp } from "../mcp-helpers";

const TOOL_NAMES = [
  "create_record",
  "decide_approval",
  "describe_schema",
  "get_record",
  "log_activity",
  "my_work",
  "search_records",
  "sla_status",
  "transition_record",
  "update_record",
];

describe("MCP server at /mcp", () => {
  it("an MCP client connects, lists the tools and triages my open cases", { timeout: 30_000 }, async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const mine: string[] = [];
    for (const subject of ["Printer on fire", "Cannot log in"]) {
      const res = await api("POST", "/crm/cases", {
        token: admin.token,
        body: { subject, priority: "normal", assignee: agent.userId },
      });
      expect(res.status).toBe(201);
      mine.push(res.body.id);
    }
    await api("POST", "/crm/cases", {
      token: admin.token,
      body: { subject: "Someone else's", assignee: admin.userId },
    });

    const key = await newKey(agent, "write", "Claude Desktop");
    const client = await mcpClient(key.token);
    expect(client.getServerVersion()?.name).toBe("pulse-8");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);

    const schema = await callTool(client, "describe_schema", { entity: "cases" });
    const cases = schema.body.entities[0];
    expect(cases.workflow.steps.map((s: { key: string }) => s.key)).toContain("open");
    expect(
      cases.fields.find((f: { name: string }) => f.name === "priority").options.map((o: { value: string }) => o.value),
    ).toEqual(["low", "normal", "high", "urgent"]);

    const work = await callTool(client, "my_work");
    expect(work.isError).toBe(false);
    expect(work.body.records.map((r: { id: string }) => r.id).sort()).toEqual([...mine].sort());

    for (const id of mine) {
      const read = await callTool(client, "get_record", { entity: "cases", id });
      expect(read.body.record).toMatchObject({ id, status: "new" });
      expect(read.body.history[0]).toMatchObject({ action: "record.created" });
      const urgent = read.body.record.data.subject.includes("fire");
      expect(
        (
          await callTool(client, "update_record", {
            entity: "cases",
            id,
            values: { priority: urgent ? "urgent" : "low" },
            expectedVersion: read.body.record.version,
          })
        ).isError,
      ).toBe(false);
      expect((await callTool(client, "transition_record", { entity: "cases", id, to: "open" })).body.status).toBe(
        "open",
      );
      const logged = await callTool(client, "log_activity", {
        title: "Called the customer",
        type: "call",
        entity: "cases",
        recordId: id,
      });
      expect(logged.body).toMatchObject({ title: "Called the customer", recordId: id, assigneeId: agent.userId });
    }
    const reread = await callTool(client, "get_record", { entity: "cases", id: mine[0] });
    expect(reread.body.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "activity", summary: "Call: Called the customer" })]),
    );
    expect(reread.body.timeline.map((e: { kind: string }) => e.kind)).not.toContain("history");
    expect(Array.isArray(reread.body.related)).toBe(true);
    const sla = await callTool(client, "sla_status", { entity: "cases", ids: mine });
    expect(sla.body.items.map((i: { id: string }) => i.id)).toEqual(mine);

    const fire = await api("GET", `/crm/cases/${mine[0]}`, { token: admin.token });
    expect(fire.body).toMatchObject({ status: "open", data: { priority: "urgent" } });
    const audit = await api("GET", "/admin/audit", { token: admin.token });
    const moved = audit.body.items.find(
      (i: { action: string; target: string }) => i.action === "record.transitioned" && i.target === `record:${mine[0]}`,
    );
    expect(moved).toMatchObject({ actor: { id: agent.userId }, via: "Claude Desktop" });
    await client.close();
  });

  it("a read key can list records but not create them", async () => {
    const admin = await makeTenant();
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Listed Ltd" } });
    const client = await mcpClient((await newKey(admin, "read")).token);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("search_records");
    expect(names).not.toContain("create_record");
    const listed = await callTool(client, "search_records", { entity: "customers" });
    expect(listed.body.items.map((r: { data: { name: string } }) => r.data.name)).toEqual(["Listed Ltd"]);
    const created = await callTool(client, "create_record", { entity: "customers", values: { name: "Nope" } });
    expect(created).toMatchObject({ isError: true, body: { status: 403, error: { code: "forbidden" } } });
    expect((await api("GET", "/crm/customers", { token: admin.token })).body.items).toHaveLength(1);
  });

  it("an agent's key cannot see a manager-only field through any tool", { timeout: 30_000 }, async () => {
    const admin = await makeTenant();
    const form = customerForm();
    form.fields.push({ name: "margin", label: "Secret margin", type: "number", access: { read: "manager" } });
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: form }])).status,
    ).toBe(200);
    const agent = await makeMember(admin, "agent");
    const manager = await makeMember(admin, "manager");
    const created = await api("POST", "/crm/customers", {
      token: admin.token,
      body: { name: "Hidden Margins Inc", margin: 987654 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await api("POST", "/crm/cases", {
      token: admin.token,
      body: { subject: "About Hidden Margins", customer: id, assignee: agent.userId },
    });

    const client = await mcpClient((await newKey(agent, "admin")).token);
    const seen: unknown[] = [(await client.listTools()).tools];
    for (const [name, args] of [
      ["describe_schema", {}],
      ["search_records", { entity: "customers" }],
      ["search_records", { q: "Hidden" }],
      ["get_record", { entity: "customers", id }],
      ["my_work", {}],
      ["update_record", { entity: "customers", id, values: { notes: "called" } }],
      ["create_record", { entity: "customers", values: { name: "Another" } }],
      ["sla_status", { entity: "customers", ids: [id] }],
    ] as const) {
      const reply = await callTool(client, name, args);
      expect(reply.isError, `${name} ${JSON.stringify(reply.body)}`).toBe(false);
      seen.push(reply.body);
    }
    const text = JSON.stringify(seen);
    expect(text).toContain("Hidden Margins Inc");
    expect(text).not.toContain("margin");
    expect(text).not.toContain("987654");
    // Nor may it write, filter or sort by it.
    expect(
      (await callTool(client, "update_record", { entity: "customers", id, values: { margin: 1 } })).body.status,
    ).toBe(403);
    expect((await callTool(client, "search_records", { entity: "customers", sort: "-margin" })).body.status).toBe(403);
    expect(
      (
        await callTool(client, "search_records", {
          entity: "customers",
          where: { field: "margin", op: "gt", value: 1 },
        })
      ).body.status,
    ).toBe(403);

    const managers = await mcpClient((await newKey(manager, "admin")).token);
    expect((await callTool(managers, "get_record", { entity: "customers", id })).body.record.data.margin).toBe(987654);
  });

  it("a revoked key and a removed member's key are 401", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const revoked = await newKey(admin, "write");
    const removed = await newKey(agent, "write");
    const list = { jsonrpc: "2.0", id: 1, method: "tools/list" };
    expect((await rawMcp(revoked.token, list)).status).toBe(200);
    expect((await rawMcp(removed.token, list)).status).toBe(200);

    expect((await api("DELETE", `/auth/tokens/${revoked.id}`, { token: admin.token })).status).toBe(204);
    const afterRevoke = await rawMcp(revoked.token, list);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await afterRevoke.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

    expect((await api("DELETE", `/admin/members/${agent.userId}`, { token: admin.token })).status).toBe(204);
    expect((await rawMcp(removed.token, list)).status).toBe(401);
    expect((await rawMcp(undefined, list)).status).toBe(401);
    await expect(mcpClient(revoked.token)).rejects.toThrow();
  });

  it("tools/list reflects a freshly published field", async () => {
    const admin = await makeTenant();
    const client = await mcpClient((await newKey(admin, "admin")).token);
    const valuesFor = async (entity: string) => {
      const create = (await client.listTools()).tools.find((t) => t.name === "create_record")!;
      const values = (
        create.inputSchema.properties as Record<
          string,
          { anyOf: { title: string; properties: Record<string, unknown> }[] }
        >
      ).values;
      return values!.anyOf.find((alt) => alt.title === entity)!.properties;
    };
    expect(await valuesFor("customers")).not.toHaveProperty("nps");
    const form = customerForm();
    form.fields.push({ name: "nps", label: "NPS", type: "number", min: 0, max: 10 });
    expect(
      (await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: form }])).status,
    ).toBe(200);
    expect(await valuesFor("customers")).toHaveProperty(
      "nps",
      expect.objectContaining({ type: "number", minimum: 0, maximum: 10, title: "NPS" }),
    );
    const tier = (await valuesFor("customers")).tier as { enum: string[] };
    expect(tier.enum).toEqual(["gold", "silver", "bronze", "churned"]);
  });

  it("create via a tool: the record exists, audited as the key's user; bad values are the API's 422", async () => {
    const admin = await makeTenant();
    const client = await mcpClient((await newKey(admin, "write", "Assistant")).token);
    const created = await callTool(client, "create_record", {
      entity: "customers",
      values: { name: "Made by MCP", tier: "gold" },
    });
    expect(created.isError).toBe(false);
    const read = await api("GET", `/crm/customers/${created.body.id}`, { token: admin.token });
    expect(read.body).toMatchObject({ data: { name: "Made by MCP", tier: "gold" }, createdBy: admin.userId });
    const audit = await api("GET", "/admin/audit", { token: admin.token });
    expect(audit.body.items.find((i: { target: string }) => i.target === `record:${created.body.id}`)).toMatchObject({
      action: "record.created",
      actor: { id: admin.userId },
      via: "Assistant",
    });

    const bad = await callTool(client, "create_record", { entity: "customers", values: { tier: "platinum" } });
    expect(bad).toMatchObject({ isError: true, body: { status: 422, error: { code: "validation_failed" } } });
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["name", "tier"]);
    expect((await callTool(client, "create_record", { entity: "nothing", values: {} })).body).toMatchObject({
      status: 404,
      error: { code: "unknown_entity" },
    });
    expect((await callTool(client, "get_record", { entity: "customers" })).body).toMatchObject({
      status: 422,
      error: { details: [expect.objectContaining({ path: "id" })] },
    });
  });

  it("another tenant's ids are not found through any tool", { timeout: 30_000 }, async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const theirs = (await api("POST", "/crm/cases", { token: b.token, body: { subject: "B's case" } })).body.id;
    const client = await mcpClient((await newKey(a, "admin")).token);
    for (const [name, args] of [
      ["get_record", { entity: "cases", id: theirs }],
      ["update_record", { entity: "cases", id: theirs, values: { subject: "x" } }],
      ["transition_record", { entity: "cases", id: theirs, to: "open" }],
      ["sla_status", { entity: "cases", ids: [theirs] }],
      ["log_activity", { title: "x", entity: "cases", recordId: theirs }],
      ["decide_approval", { id: "apr_foreign", decision: "approve" }],
    ] as const) {
      expect((await callTool(client, name, args)).body, name).toMatchObject({ status: 404 });
    }
    expect((await callTool(client, "search_records", { q: "case" })).body.items).toEqual([]);
    expect((await api("GET", `/crm/cases/${theirs}`, { token: b.token })).body.data.subject).toBe("B's case");
  });

  it("is stateless: GET is 405", async () => {
    const admin = await makeTenant();
    const res = await fetchMcp("GET", admin.token);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

async function fetchMcp(method: string, token: string) {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch("http://pulse.test/mcp", {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
  });
}
