import { describe, expect, it } from "vitest";
import { enterTenantGate, gateUsage } from "../../../../worker/services/limits/gate";

const env = { LIMIT_CONCURRENT_REQUESTS_PER_TENANT: "2", LIMIT_WAITING_REQUESTS_PER_TENANT: "2" };
// Waiters look for their turn on their own timers (every millisecond when next in line).
const tick = () => new Promise((r) => setTimeout(r, 40));

describe("the per-tenant request gate", () => {
  it("works on a few of a tenant's requests at once and lets the rest in, in order, as slots free up", async () => {
    const order: string[] = [];
    const first = await enterTenantGate(env, "t1");
    const second = await enterTenantGate(env, "t1");
    const third = enterTenantGate(env, "t1").then((leave) => (order.push("third"), leave));
    const fourth = enterTenantGate(env, "t1").then((leave) => (order.push("fourth"), leave));
    await tick();
    expect(order).toEqual([]);
    expect(gateUsage("t1")).toEqual({ active: 2, waiting: 2 });

    // Another tenant is not held up by t1's queue.
    const other = await enterTenantGate(env, "t2");
    other();

    first();
    await tick();
    expect(order).toEqual(["third"]);
    first(); // leaving twice frees one slot, not two
    await tick();
    expect(order).toEqual(["third"]);
    second();
    await tick();
    expect(order).toEqual(["third", "fourth"]);
    (await third)();
    (await fourth)();
    expect(gateUsage("t1")).toEqual({ active: 0, waiting: 0 });
  });

  it("answers 429 past the waiting room and after waiting too long", async () => {
    const held = [await enterTenantGate(env, "t3"), await enterTenantGate(env, "t3")];
    const waiting = [enterTenantGate(env, "t3", 60_000), enterTenantGate(env, "t3", 60_000)];
    await expect(enterTenantGate(env, "t3")).rejects.toMatchObject({
      status: 429,
      details: [expect.objectContaining({ limit: "waitingRequestsPerTenant" })],
    });
    held.forEach((leave) => leave());
    for (const w of waiting) (await w)();

    const again = [await enterTenantGate(env, "t3"), await enterTenantGate(env, "t3")];
    await expect(enterTenantGate(env, "t3", 5)).rejects.toMatchObject({
      status: 429,
      details: [expect.objectContaining({ limit: "concurrentRequestsPerTenant" })],
    });
    expect(gateUsage("t3").waiting).toBe(0);
    again.forEach((leave) => leave());
  });
});
