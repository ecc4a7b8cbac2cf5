import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import { api, eventually, makeTenant, publishConfig, runsOf, type Session } from "../helpers";

const hub = (s: Session) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(s.tenantId));
type Minute = { start: number; count: number };
// The engine's run-rate window, set from the test (the limit itself is the deployment's runsPerTenant).
const setMinute = (s: Session, minute: Minute) =>
  runInDurableObject(
    hub(s),
    (instance: TenantHub) =>
      void ((instance as unknown as { automations: { minute: Minute } }).automations.minute = minute),
  );

describe("the automation engine's run rate", () => {
  it("holds due runs past the tenant's runs per minute and runs them when the minute turns", async () => {
    const admin = await makeTenant();
    const published = await publishConfig(admin, [
      { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
      { ns: "action", entity: "customers", key: "mark", config: { type: "update_record", set: { notes: "seen" } } },
      { ns: "automation", entity: "customers", key: "mark_new", config: { trigger: "created", actions: ["mark"] } },
    ]);
    expect(published.status).toBe(200);
    await setMinute(admin, { start: Date.now(), count: Number.MAX_SAFE_INTEGER });

    const customer = await api("POST", "/crm/customers", { token: admin.token, body: { name: "Held" } });
    await eventually(async () => (await runsOf(admin, "&status=queued")).length === 1, 10_000, "the run to be queued");
    await runDurableObjectAlarm(hub(admin));
    expect(await runsOf(admin, "&status=queued")).toHaveLength(1);
    expect(
      (await api("GET", `/crm/customers/${customer.body.id}`, { token: admin.token })).body.data.notes,
    ).toBeUndefined();
    const usage = await api("GET", "/admin/tenant", { token: admin.token });
    expect(usage.body.limits.runsPerTenant).toMatchObject({ limit: 3000, used: Number.MAX_SAFE_INTEGER });

    await setMinute(admin, { start: Date.now() - 60_000, count: Number.MAX_SAFE_INTEGER });
    await runDurableObjectAlarm(hub(admin));
    await eventually(
      async () =>
        (await api("GET", `/crm/customers/${customer.body.id}`, { token: admin.token })).body.data.notes === "seen",
      10_000,
      "the held run to run",
    );
    expect((await runsOf(admin, "&status=succeeded")).map((r) => r.automation)).toEqual(["mark_new"]);
  });
});

describe("the automation engine's slices", () => {
  type Engine = { runDue: (tenantId: string, now?: () => number, max?: number, until?: number) => Promise<number> };
  const runDue = (s: Session, until: number) =>
    runInDurableObject(hub(s), (instance: TenantHub) =>
      (instance as unknown as { automations: Engine }).automations.runDue(s.tenantId, undefined, 100, until),
    );

  it("a wake whose slice is spent still runs one due run and leaves the rest queued for the next", async () => {
    const admin = await makeTenant();
    await publishConfig(admin, [
      { ns: "trigger", entity: "customers", key: "created", config: { on: "create" } },
      { ns: "action", entity: "customers", key: "mark", config: { type: "update_record", set: { notes: "seen" } } },
      { ns: "automation", entity: "customers", key: "mark_new", config: { trigger: "created", actions: ["mark"] } },
    ]);
    await setMinute(admin, { start: Date.now(), count: Number.MAX_SAFE_INTEGER }); // hold the runs
    for (const name of ["A", "B", "C"]) await api("POST", "/crm/customers", { token: admin.token, body: { name } });
    await eventually(async () => (await runsOf(admin, "&status=queued")).length === 3, 10_000, "three queued runs");
    await setMinute(admin, { start: Date.now(), count: 0 });

    expect(await runDue(admin, 0)).toBe(1); // the slice ended before it began: one run, no more
    expect(await runsOf(admin, "&status=queued")).toHaveLength(2);
    expect(await runDue(admin, Infinity)).toBe(2);
    expect(await runsOf(admin, "&status=succeeded")).toHaveLength(3);
  });
});
