import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { routes } from "../../../web/src/routes";
import { useSession } from "../../../web/src/state/session";
import { apiError, json, makeAuth, mockFetch, renderRoutes, runtimeConfig } from "../helpers";

function fill(password: string) {
  fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Ada Lovelace" } });
  fireEvent.change(screen.getByLabelText("Work email"), { target: { value: "ada@example.com" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.change(screen.getByLabelText("Company name"), { target: { value: "Acme Inc" } });
}

describe("register page", () => {
  it("explains the password rule inline and sends nothing while it's too short", () => {
    const fetch = mockFetch(() => apiError(500, "internal", "Something broke"));
    renderRoutes(routes, "/register");
    expect(screen.getByText("At least 10 characters (10 more to go).")).toBeTruthy();
    fill("short");
    expect(screen.getByText("At least 10 characters (5 more to go).")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Create workspace" }));
    expect(screen.getByText("Use at least 10 characters.")).toBeTruthy();
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
    expect(registerCalls(fetch)).toEqual([]);
  });

  it("shows the server's error, e.g. a taken email", async () => {
    mockFetch(() => apiError(409, "duplicate", "This email is already registered"));
    renderRoutes(routes, "/register");
    fill("long enough password");
    fireEvent.click(screen.getByRole("button", { name: "Create workspace" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This email is already registered");
  });

  it("creates the workspace, signs in and opens the CRM", async () => {
    const fetch = mockFetch((url) => {
      if (url.pathname === "/api/auth/register") return json(201, makeAuth("admin"));
      if (url.pathname === "/api/auth/me") return json(200, makeAuth("admin"));
      if (url.pathname === "/api/runtime/config") return json(200, runtimeConfig(1));
      return apiError(404, "not_found", "Not found");
    });
    const { router } = renderRoutes(routes, "/register");
    fill("long enough password");
    fireEvent.click(screen.getByRole("button", { name: "Create workspace" }));
    // /crm is each role's home since issue 15
    expect(await screen.findByRole("heading", { level: 1, name: "Home" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/crm");
    expect(useSession.getState().role).toBe("admin");
    expect(registerCalls(fetch)).toEqual([
      {
        name: "Ada Lovelace",
        email: "ada@example.com",
        password: "long enough password",
        tenantName: "Acme Inc",
      },
    ]);
  });

  it("offers the starter templates and sends the chosen one", async () => {
    const fetch = mockFetch((url) => {
      if (url.pathname === "/api/auth/templates") return json(200, { templates: TEMPLATES });
      if (url.pathname === "/api/auth/register") return json(201, makeAuth("admin"));
      if (url.pathname === "/api/auth/me") return json(200, makeAuth("admin"));
      if (url.pathname === "/api/runtime/config") return json(200, runtimeConfig(1));
      return apiError(404, "not_found", "Not found");
    });
    renderRoutes(routes, "/register");
    const select = (await screen.findByLabelText("Start from")) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["Sales and support", "Support"]);
    fireEvent.change(select, { target: { value: "support" } });
    expect(screen.getByText("Customers and cases")).toBeTruthy();
    fill("long enough password");
    fireEvent.click(screen.getByRole("button", { name: "Create workspace" }));
    await screen.findByRole("heading", { level: 1, name: "Home" });
    expect(registerCalls(fetch)[0]).toMatchObject({ template: "support" });
  });
});

const TEMPLATES = [
  { name: "standard", title: "Sales and support", description: "Everything" },
  { name: "support", title: "Support", description: "Customers and cases" },
];

function registerCalls(fetch: { mock: { calls: unknown[][] } }) {
  return fetch.mock.calls
    .filter(([input]) => String(input).includes("/api/auth/register"))
    .map(([, init]) => JSON.parse(String((init as RequestInit).body)));
}
