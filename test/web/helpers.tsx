// Small factories and fakes shared by the web tests.
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { vi } from "vitest";
import { checkAnswer, routeOf } from "./contract";
import type { AuthResponse, Role, RuntimeConfig, Snapshot } from "../../web/src/api/types";
import { useColorModeStore } from "../../web/src/state/color-mode";
import { useConnectionStore } from "../../web/src/state/realtime";
import { resetConfig, useRuntimeConfigStore } from "../../web/src/state/runtime-config";
import { useSession } from "../../web/src/state/session";
import { queryClient } from "../../web/src/state/server-state";

export function resetStores(): void {
  useSession.getState().signOut();
  resetConfig();
  useConnectionStore.setState({ status: "idle" });
  useColorModeStore.setState({ byUser: {}, last: null });
  queryClient.clear();
}

export function makeAuth(role: Role = "admin", overrides: Partial<AuthResponse> = {}): AuthResponse {
  return {
    token: "jwt-token-1",
    user: { id: "u1", email: "ada@example.com", name: "Ada Lovelace" },
    tenant: { id: "t1", slug: "acme", name: "Acme Inc" },
    role,
    ...overrides,
  };
}

export function signIn(role: Role = "admin", overrides: Partial<AuthResponse> = {}): AuthResponse {
  const auth = makeAuth(role, overrides);
  useSession.getState().signIn(auth);
  return auth;
}

/** The starter configuration, roughly: customers, deals (with role-limited views), cases. */
export function makeSnapshot(extra: Snapshot = {}): Snapshot {
  return {
    form: {
      customers: {
        default: {
          title: "Customer",
          fields: [
            { name: "name", label: "Name", type: "text" },
            { name: "tier", label: "Tier", type: "select", options: [{ value: "gold", label: "Gold" }] },
          ],
        },
      },
      deals: {
        default: {
          title: "Deal",
          fields: [
            { name: "name", label: "Deal name", type: "text" },
            { name: "amount", label: "Amount", type: "currency" },
          ],
        },
      },
      cases: { default: { fields: [{ name: "subject", label: "Subject", type: "text" }] } },
      notes: { quick: { title: "Quick note", fields: [] } }, // no default form: not an entity
    },
    view: {
      customers: {
        default: {
          title: "All customers",
          type: "table",
          columns: [{ field: "name" }, { field: "tier", label: "Level" }],
        },
      },
      deals: {
        default: { title: "All deals", type: "table", columns: [{ field: "name" }, { field: "amount" }] },
        pipeline: { title: "Pipeline", type: "kanban", columns: [{ field: "name" }], roles: ["manager"] },
        mine: { title: "My deals", type: "table", columns: [{ field: "name" }], roles: ["agent", "manager"] },
      },
    },
    ...extra,
  };
}

export function setConfig(snapshot: Snapshot, version = 1, hash = `h${version}`): void {
  useRuntimeConfigStore.setState({ version, hash, snapshot, status: "ready", error: null });
}

export function runtimeConfig(version: number, snapshot: Snapshot = makeSnapshot()): RuntimeConfig {
  return { version, hash: `h${version}`, snapshot };
}

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  details: unknown[] = [],
  headers: Record<string, string> = {},
): Response {
  return json(status, { error: { code, message, details } }, headers);
}

/** Answers one request from fixtures; `undefined` means "no fixture", which fails the test. */
type Handler = (url: URL, init: RequestInit) => Response | undefined | Promise<Response | undefined>;

const contractViolations: string[] = [];

/**
 * What the fake answered that the server's schema does not allow, since the last call (setup.ts fails the test on
 * any).
 */
export function takeContractViolations(): string[] {
  return contractViolations.splice(0);
}

/** A JSON answer is checked against the route's response schema (test/web/contract.ts). */
async function checked(url: URL, init: RequestInit, response: Response | undefined): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  if (url.pathname.startsWith("/api/") && !routeOf(url.pathname))
    contractViolations.push(`${method} ${url.pathname}: the API has no such route (web/src/api/openapi.json)`);
  if (!response) {
    contractViolations.push(
      `${method} ${url.pathname}${url.search}: no fixture (the test's fetch handler answered nothing)`,
    );
    return json(404, { error: { code: "no_fixture", message: `No fixture for ${method} ${url.pathname}` } });
  }
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return response;
  }
  contractViolations.push(...checkAnswer(method, url.pathname, response.status, body));
  return response;
}

/**
 * Stub `fetch` with a schema-checked fake: the handler sees the parsed URL and answers from
 * fixtures. The test fails (setup.ts, after it) when a JSON answer does not match the server's
 * response schema for its route, when a request goes to a path the API does not have, or when the
 * handler answers nothing (no fixture). Returns the spy for assertions.
 */
export function mockFetch(handler: Handler) {
  const spy = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://localhost");
    return checked(url, init, await handler(url, init));
  });
  vi.stubGlobal("fetch", spy);
  return spy;
}

/** Render routes in a memory router at `path`. */
export function renderRoutes(routes: RouteObject[], path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return {
    router,
    ...render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    ),
  };
}

export function renderAt(element: ReactElement, path = "/") {
  return renderRoutes([{ path: "*", element }], path);
}
