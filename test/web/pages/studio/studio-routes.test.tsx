import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { routes } from "../../../../web/src/routes";
import { apiError, json, makeAuth, mockFetch, renderRoutes, runtimeConfig, signIn } from "../../helpers";
import { studioSnapshot } from "../../studio/studio-helpers";

function serve(role = makeAuth().role) {
  mockFetch((url) => {
    if (url.pathname === "/api/auth/me") return json(200, makeAuth(role));
    if (url.pathname === "/api/runtime/config") return json(200, runtimeConfig(1, studioSnapshot()));
    if (url.pathname === "/api/admin/config") return json(200, { items: [] });
    if (url.pathname === "/api/admin/config/versions/1")
      return json(200, { version: 1, hash: "h1", snapshot: studioSnapshot() });
    return apiError(404, "not_found", "Not found");
  });
}

// Lazy pages: the first one imported under a loaded machine may take many seconds; each test waits
// for its heading (findBy, 20 s) and has a minute in all.
describe("studio routes", { timeout: 60_000 }, () => {
  it.each([
    ["/studio/new", "New config item"],
    ["/studio/publish", "Publish"],
    ["/studio/items/view/customers/nope", "No such config item"],
  ])("%s loads its page for admins", async (path, heading) => {
    signIn("admin");
    serve("admin");
    renderRoutes(routes, path);
    expect(await screen.findByRole("heading", { level: 1, name: heading }, { timeout: 20_000 })).toBeTruthy();
  });

  it("keeps the builders from non-admins", async () => {
    signIn("agent");
    serve("agent");
    renderRoutes(routes, "/studio/items/form/customers/default");
    expect(await screen.findByRole("heading", { name: "You need the admin role" }, { timeout: 20_000 })).toBeTruthy();
  });
});

describe("the audit log route", { timeout: 60_000 }, () => {
  it("opens for managers and stays closed to agents", async () => {
    signIn("manager");
    serve("manager");
    const { unmount } = renderRoutes(routes, "/studio/audit");
    expect(await screen.findByRole("heading", { level: 1, name: "Audit log" }, { timeout: 20_000 })).toBeTruthy();
    expect(screen.queryByText("You need the admin role")).toBeNull();
    unmount();

    signIn("agent");
    serve("agent");
    renderRoutes(routes, "/studio/audit");
    expect(await screen.findByRole("heading", { name: "You need the manager role" }, { timeout: 20_000 })).toBeTruthy();
  });
});
