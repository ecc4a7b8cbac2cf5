import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { api, makeTenant, type Session } from "../helpers";

// Random JSON of every shape must never produce a 5xx; a refused request must change nothing.
const anyJson = fc.jsonValue({ maxDepth: 4 });
const fieldish = fc.dictionary(
  fc.constantFrom(
    "name",
    "email",
    "tier",
    "revenue",
    "notes",
    "churnReason",
    "bogus",
    "status",
    "id",
    "__proto__",
    "constructor",
  ),
  anyJson,
  { maxKeys: 6 },
);
const bodies = fc.oneof(anyJson, fieldish);

let admin: Session;
let recordId: string;

async function fingerprint() {
  const [records, audit, versions] = await Promise.all([
    api("GET", "/crm/customers?limit=200", { token: admin.token }),
    api("GET", "/admin/audit?limit=1", { token: admin.token }),
    api("GET", "/admin/config/versions", { token: admin.token }),
  ]);
  return JSON.stringify([
    records.body.items.map((r: { id: string; version: number }) => [r.id, r.version]),
    audit.body.items[0]?.id,
    versions.body.versions.length,
  ]);
}

beforeAll(async () => {
  admin = await makeTenant("Fuzz");
  recordId = (await api("POST", "/crm/customers", { token: admin.token, body: { name: "Fixed" } })).body.id;
});

const targets: [string, string, () => string][] = [
  ["POST", "create record", () => "/crm/customers"],
  ["PATCH", "update record", () => `/crm/customers/${recordId}`],
  ["POST", "transition", () => `/crm/customers/${recordId}/transition`],
  ["POST", "publish", () => "/admin/config/publish"],
  ["POST", "rollback", () => "/admin/config/rollback"],
  ["POST", "add member", () => "/admin/members"],
  ["POST", "login", () => "/auth/login"],
];

// Each property sends dozens of requests: give them room on a loaded machine (no test may depend on speed).
describe("fuzzed bodies", { timeout: 60_000 }, () => {
  for (const [method, label, path] of targets) {
    it(`${label}: never 5xx, and a 4xx writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const before = await fingerprint();
          const res = await api(method, path(), {
            token: admin.token,
            body,
            headers: {
              "cf-connecting-ip": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
            },
          });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body.error.code).toEqual(expect.any(String));
            expect(await fingerprint()).toBe(before);
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it("malformed JSON text is always a 400", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        async (raw) => {
          const res = await api("POST", "/crm/customers", {
            token: admin.token,
            raw,
            headers: { "content-type": "application/json" },
          });
          expect(res.status).toBe(400);
        },
      ),
      { numRuns: 60 },
    );
  });
});
