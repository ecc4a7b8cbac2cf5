import { describe, expect, it } from "vitest";
import { api, makeTenant } from "../helpers";

// Field names come from users; prototype keys of plain objects must never be taken for fields.
const PROTO_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "-hasOwnProperty",
  "valueOf",
  "-__defineGetter__",
  "isPrototypeOf",
];

describe("field names are looked up as own properties", () => {
  it.each(PROTO_NAMES)("?sort=%s is a 400, on lists and on export.csv", async (name) => {
    const admin = await makeTenant();
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    for (const path of [
      `/crm/customers?sort=${encodeURIComponent(name)}`,
      `/crm/customers/export.csv?sort=${encodeURIComponent(name)}`,
    ]) {
      const res = await api("GET", path, { token: admin.token });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it.each(["constructor", "valueOf", "__proto__", "toString", "hasOwnProperty"])(
    "where on %s is a 4xx",
    async (field) => {
      const admin = await makeTenant();
      const where = encodeURIComponent(JSON.stringify({ field, op: "eq", value: "x" }));
      for (const path of [`/crm/customers?where=${where}`, `/crm/customers/export.csv?where=${where}`]) {
        const res = await api("GET", path, { token: admin.token });
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
    },
  );

  it("a real field still sorts and filters", async () => {
    const admin = await makeTenant();
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "B" } });
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "A" } });
    const res = await api(
      "GET",
      `/crm/customers?sort=name&where=${encodeURIComponent(JSON.stringify({ field: "name", op: "eq", value: "A" }))}`,
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { data: { name: string } }) => r.data.name)).toEqual(["A"]);
  });
});
