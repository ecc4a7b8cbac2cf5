import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../web/src/api/client";
import { invalidateFor, keys, shouldRetry } from "../../../web/src/state/server-state";

function seeded() {
  const client = new QueryClient();
  client.setQueryData(keys.records("deals"), ["d"]);
  client.setQueryData(keys.record("deals", "d1"), { id: "d1" });
  client.setQueryData([...keys.record("deals", "d1"), "timeline"], { pages: [] });
  client.setQueryData(keys.record("deals", "d2"), { id: "d2" });
  client.setQueryData(keys.records("customers"), ["c"]);
  client.setQueryData([...keys.config, "items"], ["i"]);
  return client;
}
const stale = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;

describe("server state", () => {
  it("record.changed makes the entity's lists and that record's page stale, not other records or entities", () => {
    const client = seeded();
    invalidateFor({ type: "record.changed", entity: "deals", id: "d1", op: "updated", version: 2 }, client);
    expect(stale(client, keys.records("deals"))).toBe(true);
    expect(stale(client, keys.record("deals", "d1"))).toBe(true);
    expect(stale(client, [...keys.record("deals", "d1"), "timeline"])).toBe(true);
    expect(stale(client, keys.record("deals", "d2"))).toBe(false);
    expect(stale(client, keys.records("customers"))).toBe(false);
    expect(stale(client, [...keys.config, "items"])).toBe(false);
  });

  it("config.published makes config-derived queries stale", () => {
    const client = seeded();
    invalidateFor({ type: "config.published", version: 3, hash: "h3", items: [] }, client);
    expect(stale(client, [...keys.config, "items"])).toBe(true);
    expect(stale(client, keys.records("deals"))).toBe(false);
  });

  it("retries network errors and 5xx twice, never a 4xx", () => {
    expect(shouldRetry(0, new ApiError(0, "network_error", "offline"))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, "unavailable", "busy"))).toBe(true);
    expect(shouldRetry(2, new ApiError(503, "unavailable", "busy"))).toBe(false);
    expect(shouldRetry(0, new ApiError(409, "conflict", "stale"))).toBe(false);
    expect(shouldRetry(0, new ApiError(412, "precondition_failed", "stale"))).toBe(false);
  });
});
