import { describe, expect, it } from "vitest";
import { loadConfig, syncConfig, useRuntimeConfigStore } from "../../../web/src/state/runtime-config";
import { apiError, json, makeSnapshot, mockFetch, runtimeConfig, signIn } from "../helpers";

const state = () => useRuntimeConfigStore.getState();

describe("runtime config store", () => {
  it("loads the full snapshot", async () => {
    signIn("agent");
    mockFetch(() => json(200, runtimeConfig(3)));
    expect(state().status).toBe("loading");
    await loadConfig();
    expect(state()).toMatchObject({ version: 3, hash: "h3", status: "ready" });
    expect(Object.keys(state().snapshot!.form!)).toContain("customers");
  });

  it("shows an error when the first load fails, and keeps the snapshot when a later one does", async () => {
    mockFetch(() => apiError(500, "internal", "Boom"));
    await loadConfig();
    expect(state()).toMatchObject({ status: "error", snapshot: null });

    mockFetch(() => json(200, runtimeConfig(1)));
    await loadConfig();
    mockFetch(() => apiError(503, "unavailable", "Try later"));
    await loadConfig();
    expect(state()).toMatchObject({ status: "ready", version: 1 });
  });

  it("applies a delta: set and removed items", async () => {
    mockFetch(() => json(200, runtimeConfig(1)));
    await loadConfig();
    const customersView = state().snapshot!.view!.customers;

    const fetch = mockFetch(() =>
      json(200, {
        version: 2,
        hash: "h2",
        delta: {
          set: [
            {
              namespace: "view",
              entity: "deals",
              key: "won",
              config: { title: "Won deals", columns: [{ field: "name" }] },
            },
            {
              namespace: "theme",
              entity: "tenant",
              key: "default",
              config: { name: "Acme Support", colors: { primary: "#0f766e" } },
            },
          ],
          removed: [
            { namespace: "view", entity: "deals", key: "pipeline" },
            { namespace: "form", entity: "cases", key: "default" },
          ],
        },
      }),
    );
    await syncConfig();

    expect(String(fetch.mock.calls[0]![0])).toBe("/api/runtime/config?sinceVersion=1");
    const snapshot = state().snapshot!;
    expect(state()).toMatchObject({ version: 2, hash: "h2" });
    expect(Object.keys(snapshot.view!.deals!).sort()).toEqual(["default", "mine", "won"]);
    expect(snapshot.theme!.tenant!.default).toMatchObject({ name: "Acme Support" });
    expect(snapshot.form!.cases).toBeUndefined();
    expect(snapshot.view!.customers).toBe(customersView); // untouched parts keep their identity
  });

  it("takes a full snapshot from sinceVersion, and does nothing on 304", async () => {
    mockFetch(() => json(200, runtimeConfig(1)));
    await loadConfig();
    mockFetch(() => json(200, runtimeConfig(4, makeSnapshot({ theme: { tenant: { default: { name: "New" } } } }))));
    await syncConfig();
    expect(state().version).toBe(4);
    expect(state().snapshot!.theme).toBeDefined();

    const fetch = mockFetch(() => new Response(null, { status: 304 }));
    await syncConfig();
    expect(fetch).toHaveBeenCalledOnce();
    expect(state()).toMatchObject({ version: 4, hash: "h4" });
  });

  it("never goes back to an older version", async () => {
    mockFetch(() => json(200, runtimeConfig(5)));
    await loadConfig();

    // A slow response for an older version lands late.
    mockFetch(() => json(200, runtimeConfig(3, {})));
    await loadConfig();
    await syncConfig();
    expect(state()).toMatchObject({ version: 5, hash: "h5" });
    expect(state().snapshot!.form).toBeDefined();

    // A delta that claims to be older is dropped too.
    mockFetch(() =>
      json(200, {
        version: 4,
        hash: "h4",
        delta: { set: [], removed: [{ namespace: "form", entity: "deals", key: "default" }] },
      }),
    );
    await syncConfig();
    expect(state().version).toBe(5);
    expect(state().snapshot!.form!.deals).toBeDefined();
  });

  it("coalesces overlapping syncs into one follow-up request", async () => {
    mockFetch(() => json(200, runtimeConfig(1)));
    await loadConfig();
    let version = 1;
    const fetch = mockFetch(async () => {
      version += 1;
      return json(200, { version, hash: `h${version}`, delta: { set: [], removed: [] } });
    });
    await Promise.all([syncConfig(), syncConfig(), syncConfig()]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(state().version).toBe(3);
  });
});
