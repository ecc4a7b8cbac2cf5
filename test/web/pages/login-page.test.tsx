import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { routes } from "../../../web/src/routes";
import { useSession } from "../../../web/src/state/session";
import { apiError, json, makeAuth, mockFetch, renderRoutes, runtimeConfig } from "../helpers";

function fillAndSubmit(email = "ada@example.com", password = "correct horse") {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("login page", () => {
  it("shows the server's error message", async () => {
    mockFetch(() => apiError(401, "unauthenticated", "Wrong email or password"));
    renderRoutes(routes, "/login");
    fillAndSubmit();
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong email or password");
    expect(useSession.getState().token).toBeNull();
  });

  it("tells how long to wait when rate limited, and holds the button until then", async () => {
    mockFetch(() => apiError(429, "rate_limited", "Too many requests", [], { "retry-after": "30" }));
    renderRoutes(routes, "/login");
    fillAndSubmit();
    expect((await screen.findByRole("alert")).textContent).toBe("Too many attempts, try again in 30 s.");
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveProperty("disabled", true);
  });

  it("signs in and opens the CRM", async () => {
    const fetch = mockFetch((url) => {
      if (url.pathname === "/api/auth/login") return json(200, makeAuth("agent"));
      if (url.pathname === "/api/auth/me") return json(200, makeAuth("agent"));
      if (url.pathname === "/api/runtime/config") return json(200, runtimeConfig(1));
      return apiError(404, "not_found", "Not found");
    });
    const { router } = renderRoutes(routes, "/login");
    fillAndSubmit();
    // /crm is each role's home since issue 15
    expect(await screen.findByRole("heading", { name: "Home", level: 1 })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/crm");
    expect(useSession.getState()).toMatchObject({ token: "jwt-token-1", role: "agent" });
    expect(JSON.parse(String(fetch.mock.calls[0]![1]!.body))).toEqual({
      email: "ada@example.com",
      password: "correct horse",
    });
  });
});
