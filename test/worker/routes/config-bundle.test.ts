import { describe, expect, it } from "vitest";
import { api, draftPath, makeTenant, publishConfig, type Json, type Session } from "../helpers";

const projectsForm = {
  title: "Project",
  fields: [
    { name: "title", label: "Title", type: "text", required: true },
    { name: "budget", label: "Budget", type: "currency", min: 0 },
  ],
};
const projectsView = { title: "All projects", type: "table", columns: [{ field: "title" }, { field: "budget" }] };

const exportBundle = async (s: Session, query = "") => api("GET", `/admin/config/bundle${query}`, { token: s.token });
const push = async (s: Session, body: Json, dryRun = false) =>
  api("POST", `/admin/config/bundle${dryRun ? "?dryRun=true" : ""}`, { token: s.token, body });
const head = async (s: Session) => (await api("GET", "/runtime/config", { token: s.token })).body;

// Each test makes tenants (PBKDF2 at registration): generous limits for a loaded machine.
describe("config bundles", { timeout: 30_000 }, () => {
  it("exports items in a stable order without tenant ids", async () => {
    const admin = await makeTenant();
    const res = await exportBundle(admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: "pulse8.bundle/1", version: 1 });
    const labels = res.body.items.map((i: Json) => `${i.namespace}/${i.entity}/${i.key}`);
    expect(labels).toContain("form/customers/default");
    expect(labels.indexOf("form/cases/default")).toBeLessThan(labels.indexOf("form/customers/default"));
    expect(labels.indexOf("form/deals/default")).toBeLessThan(labels.indexOf("view/cases/all"));
    expect(JSON.stringify(res.body)).not.toContain(admin.tenantId);
    const keys = Object.keys(res.body.items[0].config);
    expect(keys).toEqual([...keys].sort());
    expect(JSON.stringify((await exportBundle(admin)).body)).toBe(JSON.stringify(res.body));
  });

  it("export → import into a fresh tenant gives a snapshot with the same hash", async () => {
    const source = await makeTenant("Source");
    await publishConfig(source, [
      { ns: "form", entity: "projects", key: "default", config: projectsForm },
      { ns: "view", entity: "projects", key: "all", config: projectsView },
    ]);
    await api("DELETE", draftPath("view", "customers", "gold"), { token: source.token });
    await api("POST", "/admin/config/publish", { token: source.token, body: { message: "drop a view" } });
    const bundle = (await exportBundle(source)).body;

    const target = await makeTenant("Target");
    const targetBundle = (await exportBundle(target)).body;
    const theirs = new Set(bundle.items.map((i: Json) => `${i.namespace}/${i.entity}/${i.key}`));
    const remove = targetBundle.items
      .filter((i: Json) => !theirs.has(`${i.namespace}/${i.entity}/${i.key}`))
      .map(({ namespace, entity, key }: Json) => ({ namespace, entity, key }));
    expect(remove.length).toBeGreaterThan(0);

    const res = await push(target, { ...bundle, remove, message: "from source" });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const [a, b] = [await head(source), await head(target)];
    expect(b.hash).toBe(a.hash);
    expect(b.snapshot.form.projects.default).toEqual(projectsForm);
    const versions = (await api("GET", "/admin/config/versions", { token: target.token })).body.versions;
    expect(versions[0]).toMatchObject({ version: 2, message: "from source" });
    // Published, not left as drafts.
    expect((await api("GET", "/admin/config?status=draft", { token: target.token })).body.items).toEqual([]);
    expect((await api("GET", draftPath("form", "projects", "default"), { token: target.token })).body).toMatchObject({
      status: "published",
      config: projectsForm,
    });
  });

  it("a dry run lists the diff and changes nothing", async () => {
    const admin = await makeTenant();
    const bundle = (await exportBundle(admin)).body;
    const form = bundle.items.find((i: Json) => i.namespace === "form" && i.entity === "customers");
    form.config = { ...form.config, title: "Client" };
    const body = {
      ...bundle,
      items: [form, { namespace: "form", entity: "projects", key: "default", config: projectsForm }],
      remove: [{ namespace: "view", entity: "customers", key: "gold" }],
    };
    const res = await push(admin, body, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, version: 1, errors: [] });
    expect(res.body.changes.map((c: Json) => `${c.change} ${c.namespace}/${c.entity}/${c.key}`)).toEqual([
      "modified form/customers/default",
      "added form/projects/default",
      "removed view/customers/gold",
    ]);
    expect(res.body.changes.find((c: Json) => c.change === "modified").after.title).toBe("Client");
    const after = await head(admin);
    expect(after.version).toBe(1);
    expect((await api("GET", "/admin/config?status=draft", { token: admin.token })).body.items).toEqual([]);
  });

  it("refuses an invalid bundle with 422 and paths, and publishes nothing (no drafts left)", async () => {
    const admin = await makeTenant();
    const before = await head(admin);
    const body = {
      format: "pulse8.bundle/1",
      items: [
        { namespace: "form", entity: "projects", key: "default", config: projectsForm },
        {
          namespace: "view",
          entity: "projects",
          key: "all",
          config: { ...projectsView, columns: [{ field: "ghost" }] },
        },
        { namespace: "nope", entity: "projects", key: "x", config: {} },
      ],
    };
    const dry = await push(admin, body, true);
    expect(dry.status).toBe(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toContainEqual(expect.objectContaining({ path: "items[2].namespace" }));

    body.items.pop();
    const res = await push(admin, body);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ path: "items[1].config.columns[0].field" }),
    );
    expect((await head(admin)).hash).toBe(before.hash);
    expect((await api("GET", "/admin/config?status=draft", { token: admin.token })).body.items).toEqual([]);
    expect((await api("GET", draftPath("form", "projects", "default"), { token: admin.token })).status).toBe(404);

    const missing = await push(admin, {
      format: "pulse8.bundle/1",
      items: [],
      remove: [{ namespace: "form", entity: "ghosts", key: "default" }],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toContainEqual(expect.objectContaining({ path: "remove[0]" }));
    expect((await push(admin, { format: "other/9", items: [] })).status).toBe(422);
  });

  it("a stale expectedVersion is 409 and publishes nothing", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
    const body = {
      format: "pulse8.bundle/1",
      items: [{ namespace: "view", entity: "projects", key: "all", config: projectsView }],
      expectedVersion: 1,
    };
    const res = await push(admin, body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("version_conflict");
    expect((await head(admin)).version).toBe(2);
    const dry = await push(admin, body, true);
    expect(dry.body).toMatchObject({ valid: false, errors: [expect.objectContaining({ path: "expectedVersion" })] });
    expect((await push(admin, { ...body, expectedVersion: 2 })).status).toBe(200);
  });

  it("carries secrets only as references: the value never leaves the tenant, the reference round-trips", async () => {
    const admin = await makeTenant();
    expect(
      (await api("PUT", "/admin/secrets/HOOK_SECRET", { token: admin.token, body: { value: "hook-secret-value" } }))
        .status,
    ).toBe(204);
    const automation = { type: "webhook", url: "https://hooks.example.test/new", secret: { $secret: "HOOK_SECRET" } };
    await publishConfig(admin, [{ ns: "action", entity: "customers", key: "tell", config: automation }]);
    const bundle = (await exportBundle(admin)).body;
    expect(JSON.stringify(bundle)).not.toContain("hook-secret-value");
    const action = bundle.items.find((i: Json) => i.namespace === "action" && i.key === "tell");
    expect(action.config.secret).toEqual({ $secret: "HOOK_SECRET" });
    action.config.url = "https://hooks.example.test/changed";
    expect((await push(admin, { ...bundle, message: "url" })).status).toBe(200);
    const full = await api("GET", "/admin/config/versions/3", { token: admin.token });
    expect(full.body.snapshot.action.customers.tell).toEqual({
      ...automation,
      url: "https://hooks.example.test/changed",
    });
    expect(JSON.stringify(full.body)).not.toContain("hook-secret-value");
  });

  it("is for admins only and exports older versions", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
    const v1 = await exportBundle(admin, "?version=1");
    expect(v1.body.version).toBe(1);
    expect(v1.body.items.some((i: Json) => i.entity === "projects")).toBe(false);
    expect((await exportBundle(admin, "?version=9")).status).toBe(404);
    expect((await api("GET", "/admin/config/bundle")).status).toBe(401);
  });
});
