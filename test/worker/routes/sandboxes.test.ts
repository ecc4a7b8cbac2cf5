import { afterEach, describe, expect, it, vi } from "vitest";
import { api, eventually, makeMember, makeTenant, publishConfig, runsOf, type Json, type Session } from "../helpers";

const runtime = async (s: Session) => (await api("GET", "/runtime/config", { token: s.token })).body;
const tierView = {
  title: "Gold tier",
  type: "table",
  columns: [{ field: "name" }, { field: "tier" }],
  filter: { field: "tier", op: "eq", value: "gold" },
};

/** A sandbox of `admin`'s tenant and a session in it. */
async function makeSandbox(admin: Session, body: Json = { name: "Try-out" }) {
  const created = await api("POST", "/admin/sandboxes", { token: admin.token, body });
  if (created.status !== 201) throw new Error(`sandbox: ${created.status} ${JSON.stringify(created.body)}`);
  const session = await api("POST", `/admin/sandboxes/${created.body.sandbox.id}/session`, { token: admin.token });
  expect(session.status).toBe(200);
  const inside: Session = {
    ...admin,
    token: session.body.token,
    tenantId: created.body.sandbox.id,
    slug: created.body.sandbox.slug,
  };
  return { sandbox: created.body.sandbox, inside };
}

afterEach(() => vi.restoreAllMocks());

// Each test makes tenants (PBKDF2 at registration): generous limits for a loaded machine.
describe("sandboxes", { timeout: 30_000 }, () => {
  it("copies the published config, gives only the creating admin access, and is marked as a sandbox", async () => {
    const admin = await makeTenant("Prod");
    await makeMember(admin, "agent");
    const { sandbox, inside } = await makeSandbox(admin);
    expect(sandbox).toMatchObject({ name: "Try-out", sandboxOf: admin.tenantId, allowEgress: false });
    expect((await runtime(inside)).hash).toBe((await runtime(admin)).hash);
    const me = await api("GET", "/auth/me", { token: inside.token });
    expect(me.body.tenant).toMatchObject({ id: sandbox.id, sandboxOf: admin.tenantId });
    expect(
      (await api("GET", "/admin/members", { token: inside.token })).body.items.map((m: Json) => m.user.email),
    ).toEqual([admin.email]);
    expect(
      (await api("GET", "/admin/sandboxes", { token: admin.token })).body.sandboxes.map((s: Json) => s.id),
    ).toEqual([sandbox.id]);
    expect((await api("GET", "/admin/sandboxes", { token: inside.token })).body.production).toMatchObject({
      id: admin.tenantId,
    });
    // Production's records stay in production.
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Real customer" } });
    expect((await api("GET", "/crm/customers", { token: inside.token })).body.items).toEqual([]);
    // Back to production without signing in again.
    const back = await api("POST", "/admin/sandbox/production-session", { token: inside.token });
    expect(back.body).toMatchObject({ tenant: { id: admin.tenantId }, role: "admin" });
    expect((await api("POST", "/admin/sandboxes", { token: inside.token, body: { name: "nested" } })).status).toBe(409);
  });

  it("promotes the sandbox's changes as one production version; one rollback undoes it", async () => {
    const admin = await makeTenant("Prod");
    const before = await runtime(admin);
    const { sandbox, inside } = await makeSandbox(admin);
    await publishConfig(inside, [{ ns: "view", entity: "customers", key: "gold_tier", config: tierView }]);
    await api("DELETE", "/admin/config/view/customers/gold/draft", { token: inside.token });
    await api("POST", "/admin/config/publish", { token: inside.token, body: { message: "no pipeline" } });

    const dry = await api("POST", `/admin/sandboxes/${sandbox.id}/promote?dryRun=true`, {
      token: admin.token,
      body: {},
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ valid: true, version: before.version, conflicts: [] });
    expect(dry.body.changes.map((c: Json) => `${c.change} ${c.namespace}/${c.entity}/${c.key}`)).toEqual([
      "removed view/customers/gold",
      "added view/customers/gold_tier",
    ]);
    expect((await runtime(admin)).version).toBe(before.version);

    const promoted = await api("POST", `/admin/sandboxes/${sandbox.id}/promote`, {
      token: admin.token,
      body: { message: "Gold tier view" },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.version).toBe(before.version + 1);
    const after = await runtime(admin);
    expect(after.snapshot.view.customers.gold_tier).toEqual(tierView);
    expect(after.snapshot.view.customers.gold).toBeUndefined();
    const versions = (await api("GET", "/admin/config/versions", { token: admin.token })).body.versions;
    expect(versions[0]).toMatchObject({ version: before.version + 1, message: "Gold tier view" });

    expect(
      (await api("POST", "/admin/config/rollback", { token: admin.token, body: { version: before.version } })).status,
    ).toBe(200);
    expect((await runtime(admin)).hash).toBe(before.hash);
  });

  it("keeps production's own later edits and lists items changed on both sides as conflicts", async () => {
    const admin = await makeTenant("Prod");
    const { sandbox, inside } = await makeSandbox(admin);
    const view = (title: string) => ({ ...tierView, title });
    await publishConfig(inside, [{ ns: "view", entity: "customers", key: "gold", config: view("Sandbox gold") }]);
    await publishConfig(admin, [
      { ns: "view", entity: "customers", key: "gold", config: view("Prod gold") },
      { ns: "view", entity: "customers", key: "prod_only", config: view("Prod only") },
    ]);
    const dry = await api("POST", `/admin/sandboxes/${sandbox.id}/promote?dryRun=true`, {
      token: admin.token,
      body: {},
    });
    expect(dry.body.conflicts).toEqual([{ namespace: "view", entity: "customers", key: "gold" }]);
    expect(dry.body.changes.map((c: Json) => c.key)).toEqual(["gold"]);
    await api("POST", `/admin/sandboxes/${sandbox.id}/promote`, { token: admin.token, body: {} });
    const after = (await runtime(admin)).snapshot.view.customers;
    expect(after.gold.title).toBe("Sandbox gold");
    expect(after.prod_only.title).toBe("Prod only");
    expect((await api("POST", `/admin/sandboxes/${sandbox.id}/promote`, { token: admin.token, body: {} })).status).toBe(
      409,
    );
  });

  it("documents the config-as-code routes in OpenAPI", async () => {
    const paths = Object.keys((await api("GET", "/openapi.json")).body.paths);
    for (const p of [
      "/api/admin/config/bundle",
      "/api/admin/sandboxes",
      "/api/admin/sandboxes/{id}",
      "/api/admin/sandboxes/{id}/session",
      "/api/admin/sandboxes/{id}/promote",
      "/api/admin/sandbox/production-session",
      "/api/auth/templates",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it("is 404 for another tenant's sandbox and admin-only", async () => {
    const admin = await makeTenant("Prod");
    const other = await makeTenant("Other");
    const { sandbox } = await makeSandbox(admin);
    expect(
      (await api("POST", `/admin/sandboxes/${sandbox.id}/promote?dryRun=true`, { token: other.token, body: {} }))
        .status,
    ).toBe(404);
    expect((await api("POST", `/admin/sandboxes/${sandbox.id}/session`, { token: other.token })).status).toBe(404);
    expect(
      (await api("PATCH", `/admin/sandboxes/${sandbox.id}`, { token: other.token, body: { allowEgress: true } }))
        .status,
    ).toBe(404);
    const manager = await makeMember(admin, "manager");
    expect((await api("GET", "/admin/sandboxes", { token: manager.token })).status).toBe(403);
  });

  it("does not call webhooks or send e-mail unless allowed", async () => {
    const calls: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      calls.push(new Request(input as RequestInfo, init).url);
      return new Response("ok", { status: 200 });
    });
    const admin = await makeTenant("Prod");
    const { sandbox, inside } = await makeSandbox(admin);
    const res = await publishConfig(inside, [
      { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
      {
        ns: "action",
        entity: "customers",
        key: "tell",
        config: { type: "webhook", url: "https://hooks.example.test/new" },
      },
      {
        ns: "action",
        entity: "customers",
        key: "mail",
        config: { type: "send_email", to: "someone@example.test", subject: "Hi", body: "Hello" },
      },
      { ns: "automation", entity: "customers", key: "tell", config: { trigger: "created", actions: ["tell", "mail"] } },
    ]);
    expect(res.status).toBe(200);
    await api("POST", "/crm/customers", { token: inside.token, body: { name: "Test" } });
    const [run] = await eventually(
      async () => {
        const runs = await runsOf(inside);
        return runs.length && runs[0].status === "succeeded" ? runs : undefined;
      },
      5000,
      "the run",
    );
    expect(run.steps.map((s: Json) => s.result.suppressed)).toEqual([
      expect.stringContaining("sandbox"),
      expect.stringContaining("sandbox"),
    ]);
    expect(calls).toEqual([]);
    expect((await api("GET", "/admin/automation/emails", { token: inside.token })).body.items).toEqual([]);

    expect(
      (await api("PATCH", `/admin/sandboxes/${sandbox.id}`, { token: admin.token, body: { allowEgress: true } })).body
        .allowEgress,
    ).toBe(true);
  });
});
