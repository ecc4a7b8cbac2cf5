import { describe, expect, it } from "vitest";
import { api, makeTenant, publishConfig } from "../helpers";
import { customerForm } from "../../../worker/shared/config/starter-forms";
import { HEAD_TTL_MS } from "../../../worker/services/config/current";

// The test env sets PULSE_DEBUG_TRIPS=1: every response says which round trips it made.
const trips = (headers: Headers) =>
  Object.fromEntries(
    (headers.get("x-pulse-trips") ?? "")
      .split(" ")
      .filter(Boolean)
      .map((kv) => kv.split("="))
      .map(([k, v]) => [k, Number(v)]),
  );

describe("round trips per request (x-pulse-trips)", () => {
  it("a record read and a list page make one D1 query and no tenant-object call", async () => {
    const admin = await makeTenant();
    const cold = await api("GET", "/crm/customers", { token: admin.token });
    // Cold: the session (D1), the current version (the tenant object), the snapshot (KV, then D1
    // and a KV refill on a miss). All of it is remembered by the isolate.
    expect(trips(cold.headers).do).toBe(1);
    const created = await api("POST", "/crm/customers", {
      token: admin.token,
      body: { name: "Acme", email: "ops@acme.test" },
    });
    expect(created.status).toBe(201);
    // One write batch; the tenant object is told (not awaited) that an event waits.
    expect(trips(created.headers)).toMatchObject({ d1: 1, do: 1, kv: 0 });

    const read = await api("GET", `/crm/customers/${created.body.id}`, { token: admin.token });
    expect(read.status).toBe(200);
    expect(trips(read.headers)).toMatchObject({ do: 0, d1: 1, kv: 0 });
    expect(trips(read.headers).cache).toBeGreaterThanOrEqual(3); // session, current version, snapshot

    const page = await api("GET", "/crm/customers?limit=10", { token: admin.token });
    expect(page.body.items).toHaveLength(1);
    expect(trips(page.headers)).toMatchObject({ do: 0, d1: 1, kv: 0 });
  });

  it("a publish through this isolate is current for the very next request", async () => {
    const admin = await makeTenant();
    await api("GET", "/crm/customers", { token: admin.token }); // remembers the current version
    const form = customerForm();
    form.fields.push({ name: "nickname", type: "text", label: "Nickname" });
    const published = await publishConfig(admin, [{ ns: "form", entity: "customers", key: "default", config: form }]);
    expect(published.status).toBe(200);
    const created = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Beta", nickname: "B" } });
    expect(created.status).toBe(201);
    expect(created.body.data.nickname).toBe("B");
  });

  it("a client that saw a newer version on its socket makes the isolate ask again", async () => {
    const admin = await makeTenant();
    await api("GET", "/crm/customers", { token: admin.token });
    const cached = await api("GET", "/crm/customers", { token: admin.token });
    expect(trips(cached.headers).do).toBe(0);
    const hinted = await api("GET", "/crm/customers", { token: admin.token, headers: { "x-config-version": "999" } });
    expect(hinted.status).toBe(200);
    expect(trips(hinted.headers).do).toBe(1);
    expect(HEAD_TTL_MS).toBeLessThanOrEqual(5_000);
  });
});
