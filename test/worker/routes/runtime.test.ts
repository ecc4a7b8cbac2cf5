import { describe, expect, it } from "vitest";
import { contentHash } from "../../../worker/shared/config/hash";
import { api, makeMember, makeTenant, publishConfig } from "../helpers";

const hookTrigger = { on: "webhook", secret: { $secret: "HOOK_SECRET" } };

describe("runtime config", () => {
  it("serves the current snapshot to every role with an etag, and 304 when unchanged", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    const res = await api("GET", "/runtime/config", { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(Object.keys(res.body.snapshot.form)).toEqual(expect.arrayContaining(["customers", "deals", "cases"]));
    expect(res.headers.get("etag")).toBe(`"${res.body.hash}"`);
    const again = await api("GET", "/runtime/config", {
      token: viewer.token,
      headers: { "if-none-match": `"${res.body.hash}"` },
    });
    expect(again.status).toBe(304);
  });

  it("returns exactly what was published (hash over the content)", async () => {
    const admin = await makeTenant();
    const published = await publishConfig(admin, [
      {
        ns: "view",
        entity: "customers",
        key: "vip",
        config: { title: "VIP", type: "table", columns: [{ field: "name" }] },
      },
    ]);
    const full = await api("GET", `/admin/config/versions/${published.body.version}`, { token: admin.token });
    expect(await contentHash(full.body.snapshot)).toBe(published.body.hash);
    const runtime = await api("GET", "/runtime/config", { token: admin.token });
    expect(runtime.body.hash).toBe(published.body.hash);
  });

  it("serves fixed versions, deltas, and 304 for the current sinceVersion", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [
      {
        ns: "view",
        entity: "customers",
        key: "vip",
        config: { title: "VIP", type: "table", columns: [{ field: "name" }] },
      },
    ]);
    const v1 = await api("GET", "/runtime/config?version=1", { token: admin.token });
    expect(v1.body.version).toBe(1);
    expect(v1.headers.get("cache-control")).toContain("immutable");
    expect((await api("GET", "/runtime/config?sinceVersion=2", { token: admin.token })).status).toBe(304);
    const delta = await api("GET", "/runtime/config?sinceVersion=1", { token: admin.token });
    expect(delta.body).toMatchObject({
      version: 2,
      delta: { set: [{ namespace: "view", entity: "customers", key: "vip" }], removed: [] },
    });
    expect((await api("GET", "/runtime/config?version=9", { token: admin.token })).status).toBe(404);
    expect((await api("GET", "/runtime/config?sinceVersion=9", { token: admin.token })).status).toBe(400);
    expect((await api("GET", "/runtime/config?version=abc", { token: admin.token })).status).toBe(400);
  });

  it("carries secret references, never values, to members and admins alike", async () => {
    const admin = await makeTenant();
    await api("PUT", "/admin/secrets/HOOK_SECRET", { token: admin.token, body: { value: "s3cr3t-value" } });
    const res = await publishConfig(admin, [
      { ns: "trigger", entity: "customers", key: "inbound", config: hookTrigger },
    ]);
    expect(res.status).toBe(200);
    const viewer = await makeMember(admin, "read_only");
    for (const [who, path] of [
      [viewer, "/runtime/config"],
      [admin, "/runtime/config"],
      [admin, `/admin/config/versions/${res.body.version}`],
      [admin, "/admin/config/trigger/customers/inbound/draft"],
      [admin, "/admin/config/diff?from=1&to=2"],
      [admin, "/admin/audit?limit=50"],
    ] as const) {
      const read = await api("GET", path, { token: who.token });
      expect(read.status, path).toBe(200);
      expect(JSON.stringify(read.body), path).not.toContain("s3cr3t-value");
    }
    const runtime = await api("GET", "/runtime/config", { token: viewer.token });
    expect(runtime.body.snapshot.trigger.customers.inbound.secret).toEqual({ $secret: "HOOK_SECRET" });
  });

  it("requires a token", async () => {
    expect((await api("GET", "/runtime/config")).status).toBe(401);
  });
});
