import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { IDENTITY_HEADERS } from "../../../worker/durable/sockets";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import { tenantHub } from "../../../worker/lib/hub";
import { api, makeTenant } from "../helpers";

describe("the tenant object knows its tenant from its name", () => {
  it("sees the name it was addressed by (idFromName) as ctx.id.name, also after an eviction", async () => {
    const admin = await makeTenant();
    const hub = tenantHub(env, admin.tenantId);
    expect(await runInDurableObject(hub, (_: TenantHub, state) => state.id.name)).toBe(admin.tenantId);
    await evictDurableObject(hub);
    const woken = tenantHub(env, admin.tenantId);
    expect(await runInDurableObject(woken, (_: TenantHub, state) => state.id.name)).toBe(admin.tenantId);
  });

  it("answers RPC calls without being told the tenant", async () => {
    const admin = await makeTenant();
    const runtime = await api("GET", "/runtime/config", { token: admin.token });
    const head = await tenantHub(env, admin.tenantId).current();
    expect(head.version).toBe(runtime.body.version);
    expect(await tenantHub(env, admin.tenantId).usage()).toEqual({ sockets: 0, queuedRuns: 0, runsThisMinute: 0 });
  });

  it("refuses a socket whose identity names another tenant", async () => {
    const [admin, other] = await Promise.all([makeTenant(), makeTenant()]);
    const headers = {
      upgrade: "websocket",
      [IDENTITY_HEADERS.tenant]: other.tenantId,
      [IDENTITY_HEADERS.user]: admin.userId,
      [IDENTITY_HEADERS.role]: "admin",
    };
    const res = await tenantHub(env, admin.tenantId).fetch(new Request("http://hub/socket", { headers }));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("Wrong tenant");
  });
});
