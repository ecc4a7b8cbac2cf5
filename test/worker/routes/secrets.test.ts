import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, tenantD1, eventually, makeMember, makeTenant, publishConfig, runsOf, type Session } from "../helpers";

afterEach(() => vi.restoreAllMocks());

const put = (s: Session, name: string, value: unknown) =>
  api("PUT", `/admin/secrets/${name}`, { token: s.token, body: { value } });

async function hmacHex(secret: string, message: string) {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message))), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

describe("the secret store", () => {
  it("admins set, list and delete secrets; no route returns a value", async () => {
    const admin = await makeTenant();
    expect((await put(admin, "CRM_API_KEY", "sk-live-123")).status).toBe(204);
    expect((await put(admin, "CRM_API_KEY", "sk-live-456")).status).toBe(204);
    const list = await api("GET", "/admin/secrets", { token: admin.token });
    expect(list.body).toEqual({
      items: [{ name: "CRM_API_KEY", updatedAt: expect.any(String), updatedBy: admin.userId }],
    });
    const audit = await api("GET", "/admin/audit?limit=50", { token: admin.token });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["secret.set"]));
    expect(JSON.stringify([list.body, audit.body])).not.toMatch(/sk-live/);
    expect((await api("DELETE", "/admin/secrets/CRM_API_KEY", { token: admin.token })).status).toBe(204);
    expect((await api("DELETE", "/admin/secrets/CRM_API_KEY", { token: admin.token })).status).toBe(404);
    expect((await api("GET", "/admin/secrets", { token: admin.token })).body.items).toEqual([]);
  });

  it("stores values encrypted, bound to the tenant", async () => {
    const admin = await makeTenant();
    await put(admin, "TOKEN", "plain-text-value");
    const row = await (await tenantD1(admin.tenantId))
      .prepare("SELECT ciphertext FROM tenant_secrets WHERE tenant_id = ? AND name = 'TOKEN'")
      .bind(admin.tenantId)
      .first<{ ciphertext: string }>();
    expect(row!.ciphertext).toMatch(/^v1\./);
    expect(row!.ciphertext).not.toContain("plain-text-value");
    expect(atob(row!.ciphertext.split(".")[2]!)).not.toContain("plain-text-value");
  });

  it("checks names and bodies, and is for admins only", async () => {
    const admin = await makeTenant();
    for (const bad of ["lower", "1ABC", "A-B", `A${"B".repeat(64)}`])
      expect((await put(admin, bad, "x")).status, bad).toBe(400);
    expect((await put(admin, "OK", "")).status).toBe(422);
    expect((await api("PUT", "/admin/secrets/OK", { token: admin.token, body: { value: "x", extra: 1 } })).status).toBe(
      422,
    );
    const manager = await makeMember(admin, "manager");
    expect((await put(manager, "OK", "x")).status).toBe(403);
    expect((await api("GET", "/admin/secrets", { token: manager.token })).status).toBe(403);
  });

  it("another tenant's secret is not found and not usable", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await put(a, "SHARED", "a-value");
    expect((await api("DELETE", "/admin/secrets/SHARED", { token: b.token })).status).toBe(404);
    expect((await api("GET", "/admin/secrets", { token: b.token })).body.items).toEqual([]);
  });
});

describe("secrets in config", () => {
  it("refuses literal secrets and header values at publish, with the item path and the way out", async () => {
    const admin = await makeTenant();
    const res = await publishConfig(admin, [
      { ns: "trigger", entity: "customers", key: "inbound", config: { on: "webhook", secret: "literal" } },
      {
        ns: "action",
        entity: "customers",
        key: "tell",
        config: {
          type: "webhook",
          url: "https://hooks.example.com/",
          headers: { "x-api-key": "literal" },
          secret: "literal",
        },
      },
    ]);
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "trigger/customers/inbound:secret",
        'action/customers/tell:headers["x-api-key"]',
        "action/customers/tell:secret",
      ]),
    );
    expect(res.body.error.details[0].message).toMatch(/\$secret/);
  });

  it("header secrets are resolved only for the request; runs and reads never carry them", async () => {
    const seen: Headers[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      seen.push(new Request(input as RequestInfo, init).headers);
      return new Response("ok");
    });
    const admin = await makeTenant();
    await put(admin, "CRM_API_KEY", "sk-header-value");
    const published = await publishConfig(admin, [
      { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
      {
        ns: "action",
        entity: "customers",
        key: "tell",
        config: {
          type: "webhook",
          url: "https://hooks.example.com/in",
          headers: { "x-api-key": { $secret: "CRM_API_KEY" } },
        },
      },
      { ns: "automation", entity: "customers", key: "tell", config: { trigger: "created", actions: ["tell"] } },
    ]);
    expect(published.status).toBe(200);
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const runs = await eventually(
      async () => ((await runsOf(admin))[0]?.status === "succeeded" ? runsOf(admin) : undefined),
      5000,
      "the run",
    );
    expect(seen[0]!.get("x-api-key")).toBe("sk-header-value");
    const viewer = await makeMember(admin, "read_only");
    const reads = [
      JSON.stringify(runs),
      JSON.stringify((await api("GET", "/runtime/config", { token: viewer.token })).body),
      JSON.stringify(
        (await api("GET", `/admin/config/versions/${published.body.version}`, { token: admin.token })).body,
      ),
      JSON.stringify((await api("GET", "/admin/audit?limit=100", { token: admin.token })).body),
    ];
    for (const text of reads) expect(text).not.toContain("sk-header-value");
  });

  it("a reference to a secret that is not set fails the run at once, saying which", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response("ok"));
    const admin = await makeTenant();
    await publishConfig(admin, [
      { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
      {
        ns: "action",
        entity: "customers",
        key: "tell",
        config: {
          type: "webhook",
          url: "https://hooks.example.com/in",
          headers: { authorization: { $secret: "MISSING" } },
        },
      },
      { ns: "automation", entity: "customers", key: "tell", config: { trigger: "created", actions: ["tell"] } },
    ]);
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    const [run] = await eventually(
      async () => ((await runsOf(admin))[0]?.status === "failed" ? runsOf(admin) : undefined),
      5000,
      "the run to fail",
    );
    expect(run).toMatchObject({ attempts: 1, error: expect.stringMatching(/secret MISSING is not set/) });
  });
});

describe("webhook trigger deliveries (v2 signatures)", () => {
  const hookItems = [
    { ns: "trigger", entity: "customers", key: "inbound", config: { on: "webhook", secret: { $secret: "INBOUND" } } },
    {
      ns: "action",
      entity: "customers",
      key: "make",
      config: { type: "create_record", entity: "customers", values: { name: "{{trigger.body.name}}" } },
    },
    { ns: "automation", entity: "customers", key: "intake", config: { trigger: "inbound", actions: ["make"] } },
  ];
  async function hookTenant() {
    const admin = await makeTenant();
    await put(admin, "INBOUND", "whsec-1");
    expect((await publishConfig(admin, hookItems)).status).toBe(200);
    return admin;
  }
  const signed = async (body: string, t: number, secret = "whsec-1") =>
    `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
  const now = () => Math.floor(Date.now() / 1000);

  it("accepts a fresh timestamped signature and starts the delivery's runs once, however often replayed", async () => {
    const admin = await hookTenant();
    const body = JSON.stringify({ name: "Via v2" });
    const sig = await signed(body, now());
    const first = await api("POST", `/hooks/${admin.slug}/inbound`, {
      raw: body,
      headers: { "x-pulse-signature": sig },
    });
    expect(first.status).toBe(202);
    // A replay, even with a different (unsigned) delivery header, starts nothing new.
    const replay = await api("POST", `/hooks/${admin.slug}/inbound`, {
      raw: body,
      headers: { "x-pulse-signature": sig, "x-pulse-delivery": "other" },
    });
    expect(replay.body.runIds).toEqual(first.body.runIds);
    await eventually(
      async () => ((await runsOf(admin)).every((r) => r.status === "succeeded") ? true : undefined),
      5000,
      "runs",
    );
    expect(await runsOf(admin)).toHaveLength(1);
  });

  it("refuses timestamps more than 5 minutes old or ahead, and a signature over another timestamp", async () => {
    const admin = await hookTenant();
    const body = JSON.stringify({ name: "x" });
    // Well past the 300 s tolerance either way, so a slow machine cannot bring them back inside it.
    for (const t of [now() - 400, now() + 400]) {
      const res = await api("POST", `/hooks/${admin.slug}/inbound`, {
        raw: body,
        headers: { "x-pulse-signature": await signed(body, t) },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/5 minutes/);
    }
    const moved = (await signed(body, now() - 10)).replace(/^t=\d+/, `t=${now()}`);
    expect(
      (await api("POST", `/hooks/${admin.slug}/inbound`, { raw: body, headers: { "x-pulse-signature": moved } }))
        .status,
    ).toBe(401);
    expect(
      (
        await api("POST", `/hooks/${admin.slug}/inbound`, {
          raw: body,
          headers: { "x-pulse-signature": await signed(body, now(), "wrong") },
        })
      ).status,
    ).toBe(401);
    expect(await runsOf(admin)).toEqual([]);
  });
});
