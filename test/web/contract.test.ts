// The schema-checked fake: fixtures are held to the server's response schemas.
import { describe, expect, it } from "vitest";
import { checkAnswer, routeOf } from "./contract";
import { json, mockFetch, takeContractViolations } from "./helpers";

const record = {
  id: "r1",
  entity: "customers",
  data: { name: "Acme" },
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  createdBy: null,
  updatedBy: null,
  ownerId: null,
};

describe("the contract checker", () => {
  it("finds the route of a URL, literal segments before parameters", () => {
    expect(routeOf("/api/crm/jobs")).toBe("/api/crm/jobs");
    expect(routeOf("/api/crm/customers")).toBe("/api/crm/{entity}");
    expect(routeOf("/api/crm/customers/r1/history")).toBe("/api/crm/{entity}/{id}/history");
  });

  it("accepts an answer that matches and names each drifted field", () => {
    expect(checkAnswer("GET", "/api/crm/customers/r1", 200, record)).toEqual([]);
    const { version: _dropped, ...noVersion } = record;
    expect(checkAnswer("GET", "/api/crm/customers/r1", 200, { ...noVersion, updatedAt: 5 })).toEqual([
      "GET /api/crm/{entity}/{id} 200 .version: missing",
      "GET /api/crm/{entity}/{id} 200 .updatedAt: expected string, got integer",
    ]);
  });

  it("holds error answers to the error envelope", () => {
    expect(checkAnswer("GET", "/api/crm/customers/r1", 404, { error: { code: "not_found", message: "No" } })).toEqual(
      [],
    );
    expect(checkAnswer("GET", "/api/crm/customers/r1", 404, { message: "No" })).toContain(
      "GET /api/crm/{entity}/{id} 404 .error: missing",
    );
  });

  it("checks what mockFetch serves", async () => {
    mockFetch(() => json(200, { items: [{ ...record, version: "1" }], nextCursor: null }));
    await fetch("/api/crm/customers");
    expect(takeContractViolations()).toEqual([
      "GET /api/crm/{entity} 200 .items[0].version: expected integer, got string",
    ]);
  });

  it("fails the test when a fixture renames a field the route's schema has (version → revision)", async () => {
    const { version, ...rest } = record;
    mockFetch(() => json(200, { ...rest, revision: version }));
    await fetch("/api/crm/customers/r1");
    const drift = takeContractViolations();
    expect(drift).toContain("GET /api/crm/{entity}/{id} 200 .version: missing");
  });

  it("fails the test on a request with no fixture or to a path the API does not have", async () => {
    mockFetch((url) => (url.pathname === "/api/crm/customers/r1" ? json(200, record) : undefined));
    const answer = await fetch("/api/crm/customers/r2");
    expect(answer.status).toBe(404);
    await fetch("/api/no-such-thing/at-all");
    expect(takeContractViolations()).toEqual([
      "GET /api/crm/customers/r2: no fixture (the test's fetch handler answered nothing)",
      "GET /api/no-such-thing/at-all: the API has no such route (web/src/api/openapi.json)",
      "GET /api/no-such-thing/at-all: no fixture (the test's fetch handler answered nothing)",
    ]);
  });
});
