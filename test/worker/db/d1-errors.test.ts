import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isMalformedJson, isUniqueViolation } from "../../../worker/db/d1-errors";

// The real messages, from the D1 this test runs against: the helpers must keep recognising them.
async function failure(statement: string): Promise<unknown> {
  return env.DB.prepare(statement)
    .run()
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe("D1 errors, recognised by their text", () => {
  it("tells a UNIQUE clash, on a named table or any, from other failures", async () => {
    await env.DB.exec("CREATE TABLE IF NOT EXISTS d1_errors_probe (k TEXT PRIMARY KEY, u TEXT UNIQUE)");
    await env.DB.prepare("INSERT OR IGNORE INTO d1_errors_probe (k, u) VALUES ('a', 'x')").run();
    const clash = await failure("INSERT INTO d1_errors_probe (k, u) VALUES ('b', 'x')");
    expect(isUniqueViolation(clash)).toBe(true);
    expect(isUniqueViolation(clash, "d1_errors_probe")).toBe(true);
    expect(isUniqueViolation(clash, "d1_errors")).toBe(false);
    expect(isUniqueViolation(await failure("INSERT INTO d1_errors_probe (k, u) VALUES ('a', 'y')"))).toBe(true);
    expect(isUniqueViolation(await failure("SELECT * FROM no_such_table"))).toBe(false);
  });

  it("sees a failure carried on the cause, as drizzle wraps it", async () => {
    const malformed = await failure("SELECT json('{stale')");
    expect(isMalformedJson(malformed)).toBe(true);
    expect(isMalformedJson(new Error("Failed query", { cause: malformed }))).toBe(true);
    expect(isMalformedJson(new Error("network down"))).toBe(false);
  });
});
