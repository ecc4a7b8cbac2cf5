import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { IDENTITY_HEADERS } from "../../../worker/durable/sockets";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import { tenantHub } from "../../../worker/lib/hub";
import { api, eventually, makeTenant, moveTenant, openSocket, shardOf, tenantD1 } from "../helpers";

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

describe("the outbox drain", () => {
  const unprocessed = async (tenantId: string) =>
    (
      await (
        await tenantD1(tenantId)
      )
        .prepare("SELECT count(*) AS n FROM events WHERE tenant_id = ? AND processed_at IS NULL")
        .bind(tenantId)
        .first<{ n: number }>()
    )?.n;
  const created = (messages: { type?: unknown; op?: unknown; id?: unknown }[]) =>
    messages.filter((m) => m.type === "record.changed" && m.op === "created").map((m) => m.id);

  it("announces every event of concurrent writes once, and the shard learns they are processed", async () => {
    const admin = await makeTenant();
    const socket = await openSocket(admin);
    const ids = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const res = await api("POST", "/crm/customers", { token: admin.token, body: { name: `Burst ${i}` } });
        return res.body.id as string;
      }),
    );
    await eventually(async () => created(socket.messages).length >= 25, 4000, "25 announcements");
    await eventually(async () => (await unprocessed(admin.tenantId)) === 0, 4000, "the marks");
    await new Promise((r) => setTimeout(r, 200));
    expect(created(socket.messages).sort()).toEqual([...ids].sort());
    socket.close();
  });

  it("keeps the mark of a drained batch through an eviction: the alarm still tells the shard", async () => {
    const admin = await makeTenant();
    const socket = await openSocket(admin);
    const res = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Evicted" } });
    await socket.next((m) => m.type === "record.changed" && m.id === res.body.id);
    socket.close();
    await evictDurableObject(tenantHub(env, admin.tenantId));
    await eventually(async () => (await unprocessed(admin.tenantId)) === 0, 4000, "the mark after an eviction");
  });

  it("gives the old shard its mark before a move, so nothing is announced twice", async () => {
    const admin = await makeTenant();
    const from = await shardOf(admin);
    const to = from === "SHARD_0" ? "SHARD_1" : "SHARD_0";
    const socket = await openSocket(admin);
    const res = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Moving" } });
    await socket.next((m) => m.type === "record.changed" && m.id === res.body.id);
    await moveTenant(admin.tenantId, to);
    expect(await shardOf(admin)).toBe(to);
    const after = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Moved" } });
    await socket.next((m) => m.type === "record.changed" && m.id === after.body.id);
    await eventually(async () => (await unprocessed(admin.tenantId)) === 0, 4000, "the marks on the new shard");
    expect(created(socket.messages).sort()).toEqual([res.body.id, after.body.id].sort());
    socket.close();
  });
});
