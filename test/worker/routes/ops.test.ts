import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../worker/app";
import { api, freshIp, makeTenant, OPS, PASSWORD, shardOf } from "../helpers";

const NDJSON = { ...OPS, "content-type": "application/x-ndjson" };

describe("operator routes", () => {
  it("need the operator token, and do not exist without one configured", async () => {
    const admin = await makeTenant();
    expect((await api("POST", `/ops/tenants/${admin.tenantId}/freeze`)).status).toBe(401);
    expect(
      (await api("POST", `/ops/tenants/${admin.tenantId}/freeze`, { headers: { authorization: "Bearer nope" } }))
        .status,
    ).toBe(401);
    expect((await api("POST", `/ops/tenants/${admin.tenantId}/freeze`, { token: admin.token })).status).toBe(401);
    const app = createApp();
    const res = await app.request(
      `/api/ops/tenants/${admin.tenantId}`,
      { headers: OPS },
      { ...env, OPS_TOKEN: undefined },
    );
    expect(res.status).toBe(404);
    expect((await api("GET", "/ops/tenants/ten_nobody", { headers: OPS })).status).toBe(404);
  });

  it("a frozen tenant reads but answers writes 503 with retry-after, until unfrozen", async () => {
    const admin = await makeTenant();
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Before" } });
    expect((await api("POST", `/ops/tenants/${admin.tenantId}/freeze`, { headers: OPS })).body).toMatchObject({
      frozen: true,
    });
    const refused = await api("POST", "/crm/customers", { token: admin.token, body: { name: "During" } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(refused.body.error.code).toBe("tenant_frozen");
    expect(
      (await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { name: "x" } })).status,
    ).toBe(503);
    expect((await api("GET", `/crm/customers/${c.body.id}`, { token: admin.token })).status).toBe(200);
    expect((await api("POST", `/ops/tenants/${admin.tenantId}/unfreeze`, { headers: OPS })).body).toMatchObject({
      frozen: false,
    });
    expect((await api("POST", "/crm/customers", { token: admin.token, body: { name: "After" } })).status).toBe(201);
  });

  it("refuses to switch an unfrozen tenant, to purge its current shard, and bad lines with 400", async () => {
    const admin = await makeTenant();
    const shard = await shardOf(admin);
    expect(
      (await api("POST", `/ops/tenants/${admin.tenantId}/switch`, { headers: OPS, body: { shard: "SHARD_0" } })).status,
    ).toBe(409);
    expect((await api("DELETE", `/ops/tenants/${admin.tenantId}/rows?shard=${shard}`, { headers: OPS })).status).toBe(
      409,
    );
    expect((await api("GET", `/ops/tenants/${admin.tenantId}?shard=SHARD_9`, { headers: OPS })).status).toBe(400);
    const other = shard === "SHARD_0" ? "SHARD_1" : "SHARD_0";
    expect(
      (await api("POST", `/ops/tenants/${admin.tenantId}/rows?shard=${other}`, { headers: NDJSON, raw: "not json\n" }))
        .status,
    ).toBe(400);
    expect(
      (
        await api("POST", `/ops/tenants/${admin.tenantId}/rows?shard=${other}`, {
          headers: NDJSON,
          raw: JSON.stringify({ kind: "record", row: { "id) --": 1 } }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api("POST", `/ops/tenants/${admin.tenantId}/rows?shard=${other}`, {
          headers: NDJSON,
          raw: JSON.stringify({ kind: "passwords", row: {} }),
        })
      ).status,
    ).toBe(400);
  });
});

describe("whole-tenant export and import", () => {
  it("NDJSON export (no password hashes) into a fresh tenant recreates records, config versions, history", async () => {
    const admin = await makeTenant("Source");
    const c = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Exported", company: "One" } });
    await api("PATCH", `/crm/customers/${c.body.id}`, { token: admin.token, body: { company: "Two" } });
    await api("POST", "/crm/activities", {
      token: admin.token,
      body: { title: "Call back", recordId: c.body.id, entity: "customers" },
    });
    await api("PUT", "/admin/secrets/TOKEN", { token: admin.token, body: { value: "s3cret-value" } });

    const res = await api("GET", "/admin/tenant/export", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const text = res.body as string;
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: "tenant", format: 1, id: admin.tenantId });
    const kinds = new Set(lines.map((l) => l.kind));
    for (const kind of ["member", "config_item", "config_version", "config_snapshot", "record", "history", "activity"])
      expect(kinds).toContain(kind);
    expect(text).not.toMatch(/pbkdf2|password_hash|passwordHash|s3cret-value/);
    expect(kinds).not.toContain("secret");
    expect((await api("GET", "/admin/tenant/export")).status).toBe(401);

    const source = await shardOf(admin);
    const created = await api("POST", "/ops/tenants", { headers: OPS, body: { name: "Imported", avoidShard: source } });
    expect(created.status).toBe(201);
    expect(created.body.shard).not.toBe(source);
    const imported = await api("POST", `/ops/tenants/${created.body.tenant.id}/rows`, { headers: NDJSON, raw: text });
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toMatchObject({
      member: 1,
      record: expect.any(Number),
      config_version: expect.any(Number),
    });

    // The same person is a member of the imported tenant: sign in there.
    const login = await api("POST", "/auth/login", {
      body: { email: admin.email, password: PASSWORD, tenant: created.body.tenant.slug },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(login.status).toBe(200);
    const fresh = login.body.token as string;
    const get = (token: string, path: string) => api("GET", path, { token }).then((r) => r.body);
    expect(await get(fresh, `/crm/customers/${c.body.id}`)).toEqual(
      await get(admin.token, `/crm/customers/${c.body.id}`),
    );
    expect(await get(fresh, `/crm/customers/${c.body.id}/history`)).toEqual(
      await get(admin.token, `/crm/customers/${c.body.id}/history`),
    );
    const versions = (b: { versions: { version: number; hash: string }[] }) =>
      b.versions.map((v) => [v.version, v.hash]);
    expect(versions(await get(fresh, "/admin/config/versions"))).toEqual(
      versions(await get(admin.token, "/admin/config/versions")),
    );
    expect((await get(fresh, "/runtime/config")).hash).toBe((await get(admin.token, "/runtime/config")).hash);
    expect((await get(fresh, "/crm/search?q=Exported")).items.map((r: { id: string }) => r.id)).toEqual([c.body.id]);
    expect((await get(fresh, `/crm/activities?recordId=${c.body.id}`)).items).toEqual([
      expect.objectContaining({ title: "Call back" }),
    ]);
    // It is a tenant of its own: writes land there, not in the source.
    expect(
      (await api("PATCH", `/crm/customers/${c.body.id}`, { token: fresh, body: { company: "Three" } })).status,
    ).toBe(200);
    expect((await get(admin.token, `/crm/customers/${c.body.id}`)).data.company).toBe("Two");

    // Importing onto the source's own shard collides with its ids: 409, nothing half-written to the caller's surprise.
    const same = await api("POST", "/ops/tenants", { headers: OPS, body: { name: "Same shard", shard: source } });
    expect((await api("POST", `/ops/tenants/${same.body.tenant.id}/rows`, { headers: NDJSON, raw: text })).status).toBe(
      409,
    );
  });

  it("shows the tenant's placement and usage in GET /api/admin/tenant", async () => {
    const admin = await makeTenant();
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Counted" } });
    const res = await api("GET", "/admin/tenant", { token: admin.token });
    expect(res.body.shard).toMatch(/^SHARD_[01]$/);
    expect(res.body.usage).toMatchObject({
      records: 1,
      configVersions: 1,
      shardTenants: expect.any(Number),
      shardBytes: expect.any(Number),
    });
    expect(res.body.usage.historyRows).toBeGreaterThanOrEqual(1);
    expect(res.body.limits.shardBytes).toMatchObject({ limit: 10_000_000_000, used: res.body.usage.shardBytes });
  });
});
