import { describe, expect, it } from "vitest";
import { api, draftPath, makeTenant, publishConfig } from "../helpers";

const projectsForm = {
  title: "Project",
  fields: [
    { name: "title", label: "Title", type: "text", required: true },
    { name: "budget", label: "Budget", type: "currency", min: 0 },
  ],
};
const projectsView = {
  title: "All projects",
  type: "table",
  columns: [{ field: "title" }, { field: "budget" }],
  sort: [{ field: "budget", dir: "desc" }],
};

describe("drafts", () => {
  it("saves, reads and lists a draft with revisions", async () => {
    const admin = await makeTenant();
    const created = await api("PUT", draftPath("form", "projects", "default"), {
      token: admin.token,
      body: { config: projectsForm },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      namespace: "form",
      entity: "projects",
      key: "default",
      status: "draft",
      revision: 1,
      config: projectsForm,
    });
    expect(created.headers.get("etag")).toBe('"1"');

    const updated = await api("PUT", draftPath("form", "projects", "default"), {
      token: admin.token,
      body: { config: { ...projectsForm, title: "Projects" } },
      headers: { "if-match": '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.revision).toBe(2);

    const read = await api("GET", draftPath("form", "projects", "default"), { token: admin.token });
    expect(read.body.config.title).toBe("Projects");

    const list = await api("GET", "/admin/config?status=draft", { token: admin.token });
    expect(list.body.items).toEqual([
      expect.objectContaining({
        namespace: "form",
        entity: "projects",
        key: "default",
        status: "draft",
        revision: 2,
        publishedVersion: null,
      }),
    ]);
    const published = await api("GET", "/admin/config?namespace=form&status=published", { token: admin.token });
    expect(published.body.items.map((i: { entity: string }) => i.entity)).toEqual(
      expect.arrayContaining(["customers", "deals", "cases"]),
    );
  });

  it("refuses a stale If-Match with 412 and keeps the newer draft", async () => {
    const admin = await makeTenant();
    await api("PUT", draftPath("form", "projects", "default"), { token: admin.token, body: { config: projectsForm } });
    await api("PUT", draftPath("form", "projects", "default"), {
      token: admin.token,
      body: { config: { ...projectsForm, title: "Second" } },
      headers: { "if-match": '"1"' },
    });
    const stale = await api("PUT", draftPath("form", "projects", "default"), {
      token: admin.token,
      body: { config: { ...projectsForm, title: "Stale" } },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("precondition_failed");
    expect((await api("GET", draftPath("form", "projects", "default"), { token: admin.token })).body.config.title).toBe(
      "Second",
    );
  });

  it("rejects bad paths and bodies with 4xx", async () => {
    const admin = await makeTenant();
    expect(
      (await api("PUT", draftPath("nope", "projects", "default"), { token: admin.token, body: { config: {} } })).status,
    ).toBe(400);
    expect(
      (await api("PUT", draftPath("form", "Bad-Entity", "default"), { token: admin.token, body: { config: {} } }))
        .status,
    ).toBe(400);
    expect(
      (await api("PUT", draftPath("form", "projects", "default"), { token: admin.token, body: { config: [1, 2] } }))
        .status,
    ).toBe(422);
    expect(
      (await api("PUT", draftPath("form", "projects", "default"), { token: admin.token, body: { nope: 1 } })).status,
    ).toBe(422);
    expect(
      (
        await api("PUT", draftPath("form", "projects", "default"), {
          token: admin.token,
          headers: { "if-match": "banana" },
          body: { config: {} },
        })
      ).status,
    ).toBe(400);
  });

  it("validates a draft's structure and references", async () => {
    const admin = await makeTenant();
    await api("PUT", draftPath("view", "customers", "broken"), {
      token: admin.token,
      body: { config: { title: "Broken", type: "table", columns: [{ field: "nosuchfield" }] } },
    });
    const res = await api("POST", "/admin/config/view/customers/broken/validate", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: "columns[0].field" }));

    await api("PUT", draftPath("view", "customers", "fine"), {
      token: admin.token,
      body: { config: { title: "Fine", type: "table", columns: [{ field: "name" }] } },
    });
    expect((await api("POST", "/admin/config/view/customers/fine/validate", { token: admin.token })).body).toEqual({
      valid: true,
    });
  });

  it("validates an edit without saving it", async () => {
    const admin = await makeTenant();
    await api("PUT", draftPath("view", "customers", "fine"), {
      token: admin.token,
      body: { config: { title: "Fine", type: "table", columns: [{ field: "name" }] } },
    });
    const broken = { title: "Fine", type: "table", columns: [{ field: "nosuchfield" }] };
    const res = await api("POST", "/admin/config/view/customers/fine/validate", {
      token: admin.token,
      body: { config: broken },
    });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: "columns[0].field" }));
    // The draft is as it was: still valid, still the saved columns.
    expect(
      (await api("GET", draftPath("view", "customers", "fine"), { token: admin.token })).body.config.columns,
    ).toEqual([{ field: "name" }]);
    expect((await api("POST", "/admin/config/view/customers/fine/validate", { token: admin.token })).body).toEqual({
      valid: true,
    });
    expect(
      (await api("POST", "/admin/config/view/customers/fine/validate", { token: admin.token, body: { nope: 1 } }))
        .status,
    ).toBe(422);
  });
});

describe("publish", () => {
  it("publishes drafts as the next version and the runtime serves them", async () => {
    const admin = await makeTenant();
    const res = await publishConfig(
      admin,
      [
        { ns: "form", entity: "projects", key: "default", config: projectsForm },
        { ns: "view", entity: "projects", key: "all", config: projectsView },
      ],
      "Projects",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 2,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      items: expect.arrayContaining([{ namespace: "form", entity: "projects", key: "default", change: "added" }]),
    });

    const runtime = await api("GET", "/runtime/config", { token: admin.token });
    expect(runtime.body.version).toBe(2);
    expect(runtime.body.snapshot.form.projects.default).toEqual(projectsForm);
    const versions = await api("GET", "/admin/config/versions", { token: admin.token });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.versions[0]).toMatchObject({ message: "Projects", publishedBy: admin.userId });
  });

  it("refuses an invalid snapshot with 422 and publishes nothing", async () => {
    const admin = await makeTenant();
    const res = await publishConfig(admin, [
      {
        ns: "view",
        entity: "customers",
        key: "broken",
        config: { title: "B", type: "table", columns: [{ field: "ghost" }] },
      },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ path: expect.stringContaining("columns[0].field") }),
    );
    expect((await api("GET", "/runtime/config", { token: admin.token })).body.version).toBe(1);
    expect((await api("GET", "/admin/config/versions", { token: admin.token })).body.versions).toHaveLength(1);
    expect((await api("GET", draftPath("view", "customers", "broken"), { token: admin.token })).body.status).toBe(
      "draft",
    );
  });

  it("refuses a condition whose value or operator does not fit its field's type, with the JSON path", async () => {
    const admin = await makeTenant();
    const view = {
      title: "B",
      type: "table",
      columns: [{ field: "name" }],
      filter: {
        all: [
          { field: "amount", op: "gt", value: "10" },
          { field: "closeDate", op: "startsWith", value: "2026" },
        ],
      },
    };
    const res = await publishConfig(admin, [{ ns: "view", entity: "deals", key: "typed", config: view }]);
    expect(res.status).toBe(422);
    const details = res.body.error.details as { path: string; message: string }[];
    expect(details).toContainEqual({
      path: "view/deals/typed:filter.all[0].value",
      message: expect.stringContaining("must be a number"),
    });
    expect(details).toContainEqual({
      path: "view/deals/typed:filter.all[1].op",
      message: expect.stringContaining('"startsWith" does not apply to date fields'),
    });
    expect((await api("GET", "/runtime/config", { token: admin.token })).body.version).toBe(1);
  });

  it("answers 409 on a stale expectedVersion and when there is nothing to publish", async () => {
    const admin = await makeTenant();
    const nothing = await api("POST", "/admin/config/publish", { token: admin.token, body: {} });
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.code).toBe("nothing_to_publish");
    await api("PUT", draftPath("form", "projects", "default"), { token: admin.token, body: { config: projectsForm } });
    const stale = await api("POST", "/admin/config/publish", { token: admin.token, body: { expectedVersion: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect(
      (await api("POST", "/admin/config/publish", { token: admin.token, body: { expectedVersion: 1 } })).status,
    ).toBe(200);
  });

  it("publishes only the named items", async () => {
    const admin = await makeTenant();
    await api("PUT", draftPath("form", "projects", "default"), { token: admin.token, body: { config: projectsForm } });
    await api("PUT", draftPath("view", "customers", "broken"), {
      token: admin.token,
      body: { config: { title: "B", type: "table", columns: [{ field: "ghost" }] } },
    });
    const res = await api("POST", "/admin/config/publish", {
      token: admin.token,
      body: { items: [{ namespace: "form", entity: "projects", key: "default" }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ namespace: "form", entity: "projects", key: "default", change: "added" }]);
  });

  it("gives 20 concurrent publishes versions with no gap and no duplicate", async () => {
    const admin = await makeTenant();
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await api("PUT", draftPath("view", "customers", `v${i}`), {
          token: admin.token,
          body: { config: { title: `View ${i}`, type: "table", columns: [{ field: "name" }] } },
        });
        return api("POST", "/admin/config/publish", {
          token: admin.token,
          body: { items: [{ namespace: "view", entity: "customers", key: `v${i}` }] },
        });
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    const versions = await api("GET", "/admin/config/versions", { token: admin.token });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: 21 }, (_, i) => 21 - i),
    );
  });

  it("removes an item marked for deletion at the next publish", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [
      {
        ns: "view",
        entity: "customers",
        key: "extra",
        config: { title: "Extra", type: "table", columns: [{ field: "name" }] },
      },
    ]);
    expect((await api("DELETE", draftPath("view", "customers", "extra"), { token: admin.token })).body).toMatchObject({
      pendingDelete: true,
      status: "draft",
    });
    const res = await api("POST", "/admin/config/publish", { token: admin.token, body: {} });
    expect(res.body.items).toEqual([{ namespace: "view", entity: "customers", key: "extra", change: "removed" }]);
    expect(
      (await api("GET", "/runtime/config", { token: admin.token })).body.snapshot.view.customers.extra,
    ).toBeUndefined();
    expect((await api("GET", draftPath("view", "customers", "extra"), { token: admin.token })).status).toBe(404);
  });
});

describe("history, diff and rollback", () => {
  it("diffs versions and rolls back as a new version", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [{ ns: "form", entity: "projects", key: "default", config: projectsForm }]);
    const diff = await api("GET", "/admin/config/diff?from=1&to=2", { token: admin.token });
    expect(diff.body.changes).toEqual([
      { namespace: "form", entity: "projects", key: "default", change: "added", after: projectsForm },
    ]);

    const v1 = await api("GET", "/admin/config/versions/1", { token: admin.token });
    const rollback = await api("POST", "/admin/config/rollback", { token: admin.token, body: { version: 1 } });
    expect(rollback.status).toBe(200);
    expect(rollback.body.version).toBe(3);
    expect(rollback.body.hash).toBe(v1.body.hash);
    const runtime = await api("GET", "/runtime/config", { token: admin.token });
    expect(runtime.body.version).toBe(3);
    expect(runtime.body.snapshot.form.projects).toBeUndefined();
    expect((await api("POST", "/admin/config/rollback", { token: admin.token, body: { version: 99 } })).status).toBe(
      404,
    );
  });

  it("records publishes in the audit log", async () => {
    const admin = await makeTenant();
    await publishConfig(
      admin,
      [{ ns: "form", entity: "projects", key: "default", config: projectsForm }],
      "Add projects",
    );
    const audit = await api("GET", "/admin/audit?limit=2", { token: admin.token });
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]).toMatchObject({
      action: "config.publish",
      target: "config_version:2",
      actor: { id: admin.userId },
    });
    const next = await api("GET", `/admin/audit?limit=2&cursor=${audit.body.nextCursor}`, { token: admin.token });
    expect(next.body.items[0].id).not.toBe(audit.body.items[0].id);
  });
});

describe("discard", () => {
  it("restores the published config, drops never-published drafts, and cancels a pending removal", async () => {
    const admin = await makeTenant();
    const original = (await api("GET", draftPath("form", "customers", "default"), { token: admin.token })).body.config;
    await api("PUT", draftPath("form", "customers", "default"), {
      token: admin.token,
      body: { config: { ...original, title: "Changed" } },
    });
    const discarded = await api("POST", "/admin/config/form/customers/default/discard", { token: admin.token });
    expect(discarded.body).toMatchObject({ status: "published", config: original });
    await api("PUT", draftPath("form", "projects", "default"), { token: admin.token, body: { config: projectsForm } });
    expect((await api("POST", "/admin/config/form/projects/default/discard", { token: admin.token })).status).toBe(200);
    expect((await api("GET", draftPath("form", "projects", "default"), { token: admin.token })).status).toBe(404);
    await api("DELETE", draftPath("view", "customers", "all"), { token: admin.token });
    expect((await api("POST", "/admin/config/view/customers/all/discard", { token: admin.token })).body).toMatchObject({
      status: "published",
      pendingDelete: false,
    });
    expect((await api("POST", "/admin/config/view/customers/all/discard", { token: admin.token })).status).toBe(404);
  });

  it("a rollback settles removals that the rolled-back version already made", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [
      {
        ns: "view",
        entity: "customers",
        key: "extra",
        config: { title: "Extra", type: "table", columns: [{ field: "name" }] },
      },
    ]);
    await api("DELETE", draftPath("view", "customers", "extra"), { token: admin.token });
    await api("POST", "/admin/config/rollback", { token: admin.token, body: { version: 1 } });
    const drafts = await api("GET", "/admin/config?status=draft", { token: admin.token });
    expect(drafts.body.items).toEqual([]);
  });
});
