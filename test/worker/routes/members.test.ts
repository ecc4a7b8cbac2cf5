import { describe, expect, it } from "vitest";
import { api, makeMember, makeTenant, openSocket, PASSWORD } from "../helpers";

describe("members", () => {
  it("lists, adds, re-roles and removes members", async () => {
    const admin = await makeTenant();
    const added = await api("POST", "/admin/members", {
      token: admin.token,
      body: { email: "New.Agent@example.test", name: "New Agent", password: PASSWORD, role: "agent" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      user: { id: expect.any(String), email: "new.agent@example.test", name: "New Agent" },
      role: "agent",
    });

    const list = await api("GET", "/admin/members", { token: admin.token });
    expect(list.body.items.map((m: { user: { email: string }; role: string }) => [m.user.email, m.role])).toEqual([
      [admin.email, "admin"],
      ["new.agent@example.test", "agent"],
    ]);

    const patched = await api("PATCH", `/admin/members/${added.body.user.id}`, {
      token: admin.token,
      body: { role: "manager" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.role).toBe("manager");

    expect((await api("DELETE", `/admin/members/${added.body.user.id}`, { token: admin.token })).status).toBe(204);
    expect((await api("GET", "/admin/members", { token: admin.token })).body.items).toHaveLength(1);
  });

  it("refuses an email that already has an account", async () => {
    const admin = await makeTenant();
    const res = await api("POST", "/admin/members", {
      token: admin.token,
      body: { email: admin.email, name: "Dup", password: PASSWORD, role: "agent" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("duplicate");
  });

  it("rejects an unknown role and an empty patch with 422", async () => {
    const admin = await makeTenant();
    const bad = await api("POST", "/admin/members", {
      token: admin.token,
      body: { email: "x@example.test", name: "X", password: PASSWORD, role: "owner" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ path: "role" }));
    const empty = await api("PATCH", `/admin/members/${admin.userId}`, { token: admin.token, body: {} });
    expect(empty.status).toBe(422);
  });

  it("never leaves a tenant without an admin", async () => {
    const admin = await makeTenant();
    const demote = await api("PATCH", `/admin/members/${admin.userId}`, {
      token: admin.token,
      body: { role: "agent" },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_admin");
    expect((await api("DELETE", `/admin/members/${admin.userId}`, { token: admin.token })).status).toBe(409);
  });

  it("applies a role change to the member's existing token", async () => {
    const admin = await makeTenant();
    const manager = await makeMember(admin, "manager");
    expect((await api("GET", "/admin/audit", { token: manager.token })).status).toBe(200);
    await api("PATCH", `/admin/members/${manager.userId}`, { token: admin.token, body: { role: "read_only" } });
    expect((await api("GET", "/admin/audit", { token: manager.token })).status).toBe(403);
  });

  it("ends a removed member's sessions and refuses deactivated members at login", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    await api("DELETE", `/admin/members/${agent.userId}`, { token: admin.token });
    expect((await api("GET", "/auth/me", { token: agent.token })).status).toBe(401);

    const other = await makeMember(admin, "agent");
    await api("PATCH", `/admin/members/${other.userId}`, { token: admin.token, body: { active: false } });
    expect((await api("GET", "/auth/me", { token: other.token })).status).toBe(401);
    expect((await api("POST", "/auth/login", { body: { email: other.email, password: PASSWORD } })).status).toBe(401);
  });
});

describe("members: open sockets", () => {
  it("closes a removed member's socket", async () => {
    const admin = await makeTenant();
    const agent = await makeMember(admin, "agent");
    const socket = await openSocket(agent);
    await socket.next((m) => m.type === "hello");
    const closed = new Promise<number>((resolve) =>
      socket.ws.addEventListener("close", (e) => resolve((e as CloseEvent).code)),
    );
    await api("DELETE", `/admin/members/${agent.userId}`, { token: admin.token });
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r("still open"), 2000))])).toBe(4001);
  });
});
