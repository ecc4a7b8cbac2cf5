import { describe, expect, it, vi } from "vitest";
import { login } from "../../../web/src/api/auth";
import { ApiError, apiRequest, parseRetryAfter, setUnauthorizedHandler } from "../../../web/src/api/client";
import { removeMember } from "../../../web/src/api/members";
import { useSession } from "../../../web/src/state/session";
import { apiError, json, mockFetch, signIn } from "../helpers";

describe("api client", () => {
  it("sends JSON with the session's bearer token under /api", async () => {
    signIn("admin");
    const fetch = mockFetch(() => json(201, { user: { id: "u2", email: "b@example.com", name: "Bo" }, role: "agent" }));
    await apiRequest("/admin/members", { method: "POST", body: { email: "b@example.com" } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe("/api/admin/members");
    expect(init?.method).toBe("POST");
    expect((init!.headers as Record<string, string>).authorization).toBe("Bearer jwt-token-1");
    expect((init!.headers as Record<string, string>)["content-type"]).toBe("application/json");
    expect(JSON.parse(String(init?.body))).toEqual({ email: "b@example.com" });
  });

  it("turns the contract's error body into an ApiError", async () => {
    signIn();
    mockFetch(() =>
      apiError(422, "validation_failed", "Config is invalid", [{ path: "fields[2].type", message: "Unknown type" }]),
    );
    const error = await apiRequest("/admin/config").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: "validation_failed",
      message: "Config is invalid",
      details: [{ path: "fields[2].type", message: "Unknown type" }],
    });
  });

  it("still gives a readable error when the body is not the contract's", async () => {
    mockFetch(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    await expect(apiRequest("/health")).rejects.toMatchObject({
      status: 502,
      code: "http_502",
      message: "Bad Gateway",
    });
  });

  it("reports an unreachable server as a network error", async () => {
    mockFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(apiRequest("/health")).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("reads retry-after on 429", async () => {
    mockFetch(() => apiError(429, "rate_limited", "Slow down", [], { "retry-after": "42" }));
    await expect(login({ email: "a@b.c", password: "x" })).rejects.toMatchObject({ status: 429, retryAfter: 42 });
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:10 GMT", Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(10);
  });

  it("on 401 ends the session and sends the user to /login", async () => {
    signIn();
    const toLogin = vi.fn();
    setUnauthorizedHandler(toLogin);
    mockFetch(() => apiError(401, "unauthenticated", "Token expired"));
    await expect(apiRequest("/auth/me")).rejects.toMatchObject({ status: 401 });
    expect(useSession.getState().token).toBeNull();
    expect(JSON.parse(localStorage.getItem("pulse8.session")!).state.token).toBeNull();
    expect(toLogin).toHaveBeenCalledOnce();
  });

  it("a 401 from login is wrong credentials, not an expired session", async () => {
    const toLogin = vi.fn();
    setUnauthorizedHandler(toLogin);
    const fetch = mockFetch(() => apiError(401, "unauthenticated", "Wrong email or password"));
    await expect(login({ email: "a@b.c", password: "nope", tenant: " acme " })).rejects.toMatchObject({
      message: "Wrong email or password",
    });
    expect(toLogin).not.toHaveBeenCalled();
    const init = fetch.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).authorization).toBeUndefined();
    expect(JSON.parse(String(init.body))).toEqual({ email: "a@b.c", password: "nope", tenant: "acme" });
  });

  it("treats 204 as success with no body", async () => {
    signIn();
    const fetch = mockFetch(() => new Response(null, { status: 204 }));
    await expect(removeMember("u 2")).resolves.toBeUndefined();
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/admin/members/u%202");
    expect(fetch.mock.calls[0]![1]!.method).toBe("DELETE");
  });
});
