import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant, openSocket, publishConfig } from "../helpers";

const vipView = { title: "VIP", type: "table", columns: [{ field: "name" }] };

describe("realtime socket", () => {
  it("says hello with the current version, then announces every publish", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const socket = await openSocket(agent);
    expect(await socket.next((m) => m.type === "hello")).toMatchObject({ type: "hello", version: 1 });

    const published = await publishConfig(admin, [{ ns: "view", entity: "customers", key: "vip", config: vipView }]);
    expect(await socket.next((m) => m.type === "config.published")).toEqual({
      type: "config.published",
      version: 2,
      hash: published.body.hash,
      items: [{ namespace: "view", entity: "customers", key: "vip" }],
    });
    await api("POST", "/admin/config/rollback", { token: admin.token, body: { version: 1 } });
    expect(await socket.next((m) => m.type === "config.published" && m.version === 3)).toMatchObject({ version: 3 });
    socket.close();
  });

  it("answers ping with pong and ignores garbage", async () => {
    const admin = await makeTenant();
    const socket = await openSocket(admin);
    socket.ws.send("not json");
    socket.ws.send(JSON.stringify({ type: "shout" }));
    socket.ws.send(JSON.stringify({ type: "ping" }));
    expect(await socket.next((m) => m.type === "pong")).toEqual({ type: "pong" });
    socket.close();
  });

  it("refuses a bad token with 401 before upgrading", async () => {
    const res = await exports.default.fetch("http://pulse.test/api/realtime?token=nope", {
      headers: { upgrade: "websocket" },
    });
    expect(res.status).toBe(401);
    expect(res.webSocket).toBeNull();
  });

  it("accepts the token as a bearer subprotocol", async () => {
    const admin = await makeTenant();
    const res = await exports.default.fetch("http://pulse.test/api/realtime", {
      headers: { upgrade: "websocket", "sec-websocket-protocol": `pulse-8, bearer.${admin.token}` },
    });
    expect(res.status).toBe(101);
    expect(res.headers.get("sec-websocket-protocol")).toBe("pulse-8");
    res.webSocket?.accept();
    res.webSocket?.close();
  });

  it("delivers nothing of one tenant to another tenant's sockets", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const socketB = await openSocket(b);
    await socketB.next((m) => m.type === "hello");
    await publishConfig(a, [{ ns: "view", entity: "customers", key: "vip", config: vipView }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(socketB.messages.filter((m) => m.type !== "hello")).toEqual([]);
    socketB.close();
  });
});
