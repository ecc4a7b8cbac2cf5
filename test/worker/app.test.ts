import { describe, expect, it } from "vitest";
import { RESERVED_ENTITIES } from "../../worker/shared/config/common";
import { api, makeTenant } from "./helpers";

describe("the API surface", () => {
  it("answers health without auth", async () => {
    expect(await api("GET", "/health")).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("says how long the server worked on each answer (Server-Timing), errors included", async () => {
    const ok = await api("GET", "/health");
    expect(ok.headers.get("server-timing")).toMatch(/^total;dur=[\d.]+/);
    const denied = await api("GET", "/crm/customers");
    expect(denied.status).toBe(401);
    expect(denied.headers.get("server-timing")).toMatch(/total;dur=/);
  });

  it("describes every route in OpenAPI 3.1", async () => {
    const res = await api("GET", "/openapi.json");
    expect(res.body.openapi).toBe("3.1.0");
    const paths = Object.keys(res.body.paths);
    for (const p of [
      "/api/health",
      "/api/auth/register",
      "/api/auth/login",
      "/api/auth/me",
      "/api/admin/members",
      "/api/admin/members/{userId}",
      "/api/admin/config",
      "/api/admin/config/publish",
      "/api/admin/config/rollback",
      "/api/admin/config/versions",
      "/api/admin/config/diff",
      "/api/admin/audit",
      "/api/runtime/config",
      "/api/realtime",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it("names every operation once and says how each is authenticated (generated clients need both)", async () => {
    const doc = (await api("GET", "/openapi.json")).body;
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    const ops = Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string; security?: unknown[] }>>,
    ).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ at: `${method} ${path}`, ...op })));
    const ids = ops.map((op) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.find((op) => op.at === "get /api/crm/{entity}/{id}/timeline")?.operationId).toBe(
      "getCrmByEntityByIdTimeline",
    );
    for (const op of ops) expect(op.security, op.at).toBeDefined();
    expect(ops.find((op) => op.at === "post /api/auth/login")?.security).toEqual([]);
  });

  it("keeps every fixed /crm/<name> route out of the entity names an admin may choose", async () => {
    const paths = Object.keys((await api("GET", "/openapi.json")).body.paths);
    const fixed = new Set(paths.flatMap((p) => /^\/api\/crm\/([a-z][a-z0-9_-]*)(\/|$)/.exec(p)?.[1] ?? []));
    expect(fixed.size).toBeGreaterThan(3);
    for (const name of fixed) expect(RESERVED_ENTITIES, `/api/crm/${name}`).toContain(name);
  });

  it("serves a docs page", async () => {
    const res = await api("GET", "/docs");
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain("/api/openapi.json");
  });

  it("answers unknown routes with the contract's 404 body", async () => {
    const res = await api("GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("refuses oversized bodies with 413", async () => {
    const admin = await makeTenant();
    const res = await api("PUT", "/admin/config/form/big/default/draft", {
      token: admin.token,
      raw: JSON.stringify({ config: { x: "a".repeat(3 * 1024 * 1024) } }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });
});
