import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { routes } from "../../web/src/routes";
import { useSession } from "../../web/src/state/session";
import { FakeWebSocket } from "./fake-websocket";
import { apiError, json, makeAuth, makeSnapshot, mockFetch, renderRoutes, runtimeConfig, signIn } from "./helpers";
import type { Snapshot } from "../../web/src/api/types";

function serve(snapshot: Snapshot = makeSnapshot(), role = makeAuth().role) {
  return mockFetch((url) => {
    if (url.pathname === "/api/auth/me") return json(200, makeAuth(role));
    if (url.pathname === "/api/runtime/config") return json(200, runtimeConfig(1, snapshot));
    return apiError(404, "not_found", "Not found");
  });
}

describe("app routes", () => {
  it("sends signed-out visitors to the login page, and back after signing in", async () => {
    mockFetch((url) => {
      if (url.pathname === "/api/auth/login") return json(200, makeAuth("admin"));
      if (url.pathname === "/api/auth/me") return json(200, makeAuth("admin"));
      if (url.pathname === "/api/runtime/config") return json(200, runtimeConfig(1));
      if (url.pathname === "/api/admin/members") return json(200, { items: [] });
      return apiError(404, "not_found", "Not found");
    });
    const { router } = renderRoutes(routes, "/studio/members");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/login");

    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Members" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/studio/members");
  });

  it("shows the tenant's theme name, the live indicator and the user menu", async () => {
    signIn("agent");
    const fetch = serve(
      makeSnapshot({ theme: { tenant: { default: { name: "Acme Support", colors: { primary: "#4f46e5" } } } } }),
      "agent",
    );
    renderRoutes(routes, "/crm");
    const banner = screen.getByRole("banner");
    expect(await within(banner).findByText("Acme Support")).toBeTruthy();

    expect(within(banner).getByRole("status").textContent).toMatch(/Connecting/);
    act(() => FakeWebSocket.latest().serverOpen());
    expect(within(banner).getByRole("status").textContent).toMatch(/Live/);

    const menuButton = within(banner).getByRole("button", { name: /Ada Lovelace/ });
    fireEvent.click(menuButton);
    expect(menuButton.getAttribute("aria-expanded")).toBe("true");
    expect(within(banner).getByText("Agent")).toBeTruthy();
    fireEvent.click(within(banner).getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(useSession.getState().token).toBeNull();
    const logout = fetch.mock.calls.find(([url]) => String(url) === "/api/auth/logout")!;
    expect(logout[1]).toMatchObject({ method: "POST", headers: { authorization: "Bearer jwt-token-1" } });
  });

  it("falls back to the tenant's own name without a theme", async () => {
    signIn("agent");
    serve(makeSnapshot(), "agent");
    renderRoutes(routes, "/crm");
    expect(await within(screen.getByRole("banner")).findByText("Acme Inc")).toBeTruthy();
  });

  it("lists entities and views on the CRM overview", async () => {
    signIn("agent");
    serve(makeSnapshot(), "agent");
    renderRoutes(routes, "/crm");
    const entities = await screen.findByRole("list", { name: "Entities" });
    expect(
      within(entities)
        .getAllByRole("heading")
        .map((h) => h.textContent),
    ).toEqual(["Cases", "Customers", "Deals"]);
    expect(within(entities).getByRole("link", { name: "My deals" })).toBeTruthy();
  });

  it("says when nothing is published yet, pointing admins to the Studio", async () => {
    signIn("admin");
    serve({}, "admin");
    renderRoutes(routes, "/crm");
    expect(await screen.findByText("No CRM configuration published yet")).toBeTruthy();
    expect(within(screen.getByRole("main")).getByRole("link", { name: "Open the Studio" })).toHaveProperty(
      "pathname",
      "/studio",
    );
  });

  it("keeps non-admins out of the Studio", async () => {
    signIn("manager");
    serve(makeSnapshot(), "manager");
    renderRoutes(routes, "/studio/members"); // managers may read the audit log since issue 15, nothing else
    expect(await screen.findByRole("heading", { name: "You need the admin role" })).toBeTruthy();
  });

  it("has a 404 page for unknown routes", async () => {
    renderRoutes(routes, "/nowhere");
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeTruthy();

    signIn("agent");
    serve(makeSnapshot(), "agent");
    renderRoutes(routes, "/also/nowhere");
    expect((await screen.findAllByRole("heading", { name: "Page not found" })).length).toBeGreaterThan(0);
  });
});
