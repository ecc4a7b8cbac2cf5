import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../worker/shared/roles";
import { api, makeMember, makeTenant, type Session } from "../helpers";

// Every admin-area route and the lowest role the contract lets through.
const ROUTES: { method: string; path: string; body?: unknown; lowest: Role }[] = [
  { method: "GET", path: "/admin/members", lowest: "admin" },
  {
    method: "POST",
    path: "/admin/members",
    body: { email: "rbac@example.test", name: "R", password: "0123456789", role: "agent" },
    lowest: "admin",
  },
  { method: "PATCH", path: "/admin/members/usr_nobody", body: { role: "agent" }, lowest: "admin" },
  { method: "DELETE", path: "/admin/members/usr_nobody", lowest: "admin" },
  { method: "GET", path: "/admin/config", lowest: "admin" },
  { method: "GET", path: "/admin/config/form/customers/default/draft", lowest: "admin" },
  { method: "PUT", path: "/admin/config/view/customers/rbac/draft", body: { config: {} }, lowest: "admin" },
  { method: "DELETE", path: "/admin/config/view/customers/nothing/draft", lowest: "admin" },
  { method: "POST", path: "/admin/config/form/customers/default/validate", lowest: "admin" },
  { method: "POST", path: "/admin/config/publish", body: {}, lowest: "admin" },
  { method: "POST", path: "/admin/config/rollback", body: { version: 1 }, lowest: "admin" },
  { method: "GET", path: "/admin/config/versions", lowest: "admin" },
  { method: "GET", path: "/admin/config/versions/1", lowest: "admin" },
  { method: "GET", path: "/admin/config/diff?from=0&to=1", lowest: "admin" },
  { method: "GET", path: "/admin/audit", lowest: "manager" },
];

const ROLES_BELOW: Record<Role, Role[]> = {
  admin: ["manager", "agent", "read_only"],
  manager: ["agent", "read_only"],
  agent: ["read_only"],
  read_only: [],
};

describe("role checks on admin routes", () => {
  const sessions = {} as Record<Role, Session>;
  beforeAll(async () => {
    sessions.admin = await makeTenant("Rbac");
    for (const role of ["manager", "agent", "read_only"] as const)
      sessions[role] = await makeMember(sessions.admin, role);
  });

  for (const route of ROUTES) {
    for (const role of ROLES_BELOW[route.lowest]) {
      it(`${route.method} ${route.path} is 403 for ${role}`, async () => {
        const res = await api(route.method, route.path, { token: sessions[role].token, body: route.body });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      });
    }
    it(`${route.method} ${route.path} is allowed for ${route.lowest}`, async () => {
      const res = await api(route.method, route.path, { token: sessions[route.lowest].token, body: route.body });
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    });
    it(`${route.method} ${route.path} is 401 without a token`, async () => {
      expect((await api(route.method, route.path, { body: route.body })).status).toBe(401);
    });
  }
});
