import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, eventually, makeMember, makeTenant, openSocket, type Session } from "../helpers";

async function newKey(s: Session, scope: "read" | "write" | "admin", name = `${scope} key`) {
  const res = await api("POST", "/auth/tokens", { token: s.token, body: { name, scope } });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string; name: string };
}

const asKey = (key: string): Session => ({ token: key, userId: "", tenantId: "", slug: "", email: "" });

describe("API keys", () => {
  it("shows the key once, stores only its SHA-256, and lists the rest", async () => {
    const admin = await makeTenant();
    const res = await api("POST", "/auth/tokens", {
      token: admin.token,
      body: { name: "CI", scope: "write", expiresAt: "2099-01-01T00:00:00Z" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "CI",
      scope: "write",
      expiresAt: "2099-01-01T00:00:00.000Z",
      lastUsedAt: null,
    });
    expect(res.body.token).toMatch(/^p8_[\w-]{43}$/);

    const list = await api("GET", "/auth/tokens", { token: admin.token });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, name: "CI", scope: "write", prefix: res.body.token.slice(0, 9) }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);

    const stored = await env.DB.prepare("SELECT hash FROM api_keys WHERE id = ?")
      .bind(res.body.id)
      .first<{ hash: string }>();
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(res.body.token));
    expect(stored!.hash).toBe([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join(""));
  });

  it("refuses bad input and past expiries", async () => {
    const admin = await makeTenant();
    expect((await api("POST", "/auth/tokens", { token: admin.token, body: { name: "", scope: "write" } })).status).toBe(
      422,
    );
    expect((await api("POST", "/auth/tokens", { token: admin.token, body: { name: "x", scope: "root" } })).status).toBe(
      422,
    );
    const past = await api("POST", "/auth/tokens", {
      token: admin.token,
      body: { name: "x", scope: "read", expiresAt: "2001-01-01T00:00:00Z" },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.details).toEqual([expect.objectContaining({ path: "expiresAt" })]);
  });

  it("a read key can list records but not create them", async () => {
    const admin = await makeTenant();
    const key = asKey((await newKey(admin, "read")).token);
    expect((await api("GET", "/auth/me", { token: key.token })).body.role).toBe("read_only");
    expect((await api("GET", "/crm/customers", { token: key.token })).status).toBe(200);
    const created = await api("POST", "/crm/customers", { token: key.token, body: { name: "Nope" } });
    expect(created.status).toBe(403);
  });

  it("acts with the lower of its scope and the member's current role", async () => {
    const admin = await makeTenant();
    const writeKey = (await newKey(admin, "write")).token;
    expect((await api("GET", "/auth/me", { token: writeKey })).body.role).toBe("agent");
    expect((await api("GET", "/admin/members", { token: writeKey })).status).toBe(403);
    const adminKey = (await newKey(admin, "admin")).token;
    expect((await api("GET", "/admin/members", { token: adminKey })).status).toBe(200);

    const agent = await makeMember(admin, "agent");
    const agentsAdminKey = (await newKey(agent, "admin")).token;
    expect((await api("GET", "/auth/me", { token: agentsAdminKey })).body.role).toBe("agent");
    // Demoted after the key was made: the key follows the role at once.
    expect(
      (await api("PATCH", `/admin/members/${agent.userId}`, { token: admin.token, body: { role: "read_only" } }))
        .status,
    ).toBe(200);
    expect((await api("GET", "/auth/me", { token: agentsAdminKey })).body.role).toBe("read_only");
  });

  it("a revoked key is 401 on the very next request", async () => {
    const admin = await makeTenant();
    const key = await newKey(admin, "write");
    expect((await api("GET", "/crm/customers", { token: key.token })).status).toBe(200);
    expect((await api("DELETE", `/auth/tokens/${key.id}`, { token: admin.token })).status).toBe(204);
    const after = await api("GET", "/crm/customers", { token: key.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthenticated");
    expect((await api("GET", "/auth/tokens", { token: admin.token })).body.items).toEqual([]);
    expect((await api("DELETE", `/auth/tokens/${key.id}`, { token: admin.token })).status).toBe(404);
  });

  it("a removed or deactivated member's keys stop working at once", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const removedKey = (await newKey(agent, "write")).token;
    const other = await makeMember(admin, "agent");
    const deactivatedKey = (await newKey(other, "write")).token;
    expect((await api("GET", "/crm/customers", { token: removedKey })).status).toBe(200);

    expect((await api("DELETE", `/admin/members/${agent.userId}`, { token: admin.token })).status).toBe(204);
    expect((await api("GET", "/crm/customers", { token: removedKey })).status).toBe(401);
    expect(
      (await api("PATCH", `/admin/members/${other.userId}`, { token: admin.token, body: { active: false } })).status,
    ).toBe(200);
    expect((await api("GET", "/crm/customers", { token: deactivatedKey })).status).toBe(401);
  });

  it("only its owner can see or revoke a key; another key cannot mint keys", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const key = await newKey(agent, "write");
    expect((await api("GET", "/auth/tokens", { token: admin.token })).body.items).toEqual([]);
    expect((await api("DELETE", `/auth/tokens/${key.id}`, { token: admin.token })).status).toBe(404);
    const minted = await api("POST", "/auth/tokens", { token: key.token, body: { name: "child", scope: "write" } });
    expect(minted.status).toBe(403);
    // A key may list and revoke its owner's keys (e.g. revoke itself).
    expect((await api("GET", "/auth/tokens", { token: key.token })).body.items).toHaveLength(1);
    expect((await api("DELETE", `/auth/tokens/${key.id}`, { token: key.token })).status).toBe(204);
  });

  it("audits writes as the user via the key's name and records when it was last used", async () => {
    const admin = await makeTenant();
    const key = await newKey(admin, "write", "Zapier sync");
    const created = await api("POST", "/crm/customers", { token: key.token, body: { name: "Via Key Ltd" } });
    expect(created.status).toBe(201);
    expect(created.body.createdBy).toBe(admin.userId);
    const audit = await api("GET", "/admin/audit", { token: admin.token });
    const row = audit.body.items.find((i: { action: string }) => i.action === "record.created");
    expect(row).toMatchObject({ actor: { id: admin.userId }, via: "Zapier sync", target: `record:${created.body.id}` });
    const history = await api("GET", `/crm/customers/${created.body.id}/history`, { token: admin.token });
    expect(history.body.items[0]).toMatchObject({ action: "record.created", via: "Zapier sync" });

    await eventually(
      async () => (await api("GET", "/auth/tokens", { token: admin.token })).body.items[0].lastUsedAt,
      4000,
      "lastUsedAt",
    );
  });

  it("opens the realtime socket", async () => {
    const admin = await makeTenant();
    const key = await newKey(admin, "read");
    const socket = await openSocket(asKey(key.token));
    expect((await socket.next((m) => m.type === "hello")).version).toBeGreaterThanOrEqual(1);
    socket.close();
  });

  it("an unknown or malformed key is 401", async () => {
    expect((await api("GET", "/crm/customers", { token: "p8_nonsense" })).status).toBe(401);
    expect((await api("GET", "/crm/customers", { token: "p8_" })).status).toBe(401);
  });
});
