import { describe, expect, it } from "vitest";
import { LIMIT_DEFAULTS, limitsOf } from "../../../worker/services/limits/limits";
import { takeRequestShare } from "../../../worker/services/limits/shares";
import { configOverLimits } from "../../../worker/services/limits/config-size";
import { api, draftPath, makeMember, makeTenant, openSocket } from "../helpers";

const caught = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return error as { status: number; details: { limit: string }[]; headers?: Record<string, string> };
  }
  return null;
};

describe("limits", () => {
  it("take their defaults, overridden by LIMIT_* env vars", () => {
    expect(limitsOf({})).toEqual(LIMIT_DEFAULTS);
    expect(limitsOf({ LIMIT_SOCKETS_PER_USER: "5", LIMIT_DRAFT_BYTES: "nope" })).toMatchObject({
      socketsPerUser: 5,
      draftBytes: LIMIT_DEFAULTS.draftBytes,
    });
  });

  it("answer 429 with retry-after and the limit's name past a user's, a tenant's or the write share", () => {
    const env = { LIMIT_REQUESTS_PER_USER: "3", LIMIT_REQUESTS_PER_TENANT: "5", LIMIT_WRITES_PER_TENANT: "1" };
    const now = 1_000_000;
    const tenantId = `t-${Math.random()}`;
    for (let i = 0; i < 3; i++) takeRequestShare(env, { tenantId, userId: "u1" }, "GET", now);
    const user = caught(() => takeRequestShare(env, { tenantId, userId: "u1" }, "GET", now + 1000));
    // 3 a minute refill one every 20 s: 1 s later the next is 19 s away.
    expect(user).toMatchObject({
      status: 429,
      details: [{ limit: "requestsPerUser" }],
      headers: { "retry-after": "19" },
    });
    takeRequestShare(env, { tenantId, userId: "u2" }, "POST", now);
    expect(caught(() => takeRequestShare(env, { tenantId, userId: "u3" }, "POST", now))).toMatchObject({
      details: [{ limit: "writesPerTenant" }],
    });
    expect(caught(() => takeRequestShare(env, { tenantId, userId: "u4" }, "GET", now))).toMatchObject({
      details: [{ limit: "requestsPerTenant" }],
    });
    // The share refills at its pace: a minute later it is full again.
    expect(caught(() => takeRequestShare(env, { tenantId, userId: "u1" }, "GET", now + 60_000))).toBeNull();
  });

  it("spread a share over the minute: a burst, then the share's pace, never a minute's worth at once", () => {
    const env = { LIMIT_WRITES_PER_TENANT: "600" }; // 10 a second, a burst of 100
    const tenantId = `t-${Math.random()}`;
    const now = 2_000_000;
    let accepted = 0;
    // A flood of 50 writes every 100 ms for 10 s.
    for (let t = 0; t < 10_000; t += 100) {
      for (let i = 0; i < 50; i++)
        if (!caught(() => takeRequestShare(env, { tenantId, userId: `u${i}` }, "POST", now + t))) accepted++;
    }
    // The burst, then 10 a second: about 200 in 10 s, not the minute's 600.
    expect(accepted).toBeGreaterThanOrEqual(195);
    expect(accepted).toBeLessThanOrEqual(200);
    const refused = caught(() => takeRequestShare(env, { tenantId, userId: "late" }, "POST", now + 9_950));
    expect(refused).toMatchObject({ status: 429, headers: { "retry-after": "1" } });
  });

  it("refuse a snapshot over its size and a config with too many automations", () => {
    const automation = Object.fromEntries(
      Array.from({ length: 3 }, (_, i) => [`a${i}`, { trigger: "t", actions: [] }]),
    );
    expect(
      configOverLimits({ automation: { customers: automation } }, { snapshotBytes: 10_000, automations: 2 }),
    ).toMatchObject({ status: 422, details: [{ limit: "automations", used: 3 }] });
    expect(
      configOverLimits({ automation: { customers: automation } }, { snapshotBytes: 50, automations: 5 }),
    ).toMatchObject({ status: 413, details: [{ limit: "snapshotBytes" }] });
  });
});

describe("limits over HTTP", () => {
  it("a draft over draftBytes is 413 naming the limit", async () => {
    const admin = await makeTenant();
    const res = await api("PUT", draftPath("view", "customers", "huge"), {
      token: admin.token,
      body: {
        config: { title: "x".repeat(LIMIT_DEFAULTS.draftBytes + 10), type: "table", columns: [{ field: "name" }] },
      },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.details).toEqual([expect.objectContaining({ limit: "draftBytes" })]);
  });

  it("one user's sockets are capped (tens, not thousands); others still connect", async () => {
    const admin = await makeTenant();
    const sockets = [];
    for (let i = 0; i < LIMIT_DEFAULTS.socketsPerUser; i++) sockets.push(await openSocket(admin));
    await expect(openSocket(admin)).rejects.toThrow(/429/);
    const agent = await makeMember(admin, "agent");
    const other = await openSocket(agent);
    expect(await other.next((m) => m.type === "hello")).toBeTruthy();
    const info = await api("GET", "/admin/tenant", { token: admin.token });
    expect(info.body.limits.socketsPerTenant).toEqual({
      limit: LIMIT_DEFAULTS.socketsPerTenant,
      used: LIMIT_DEFAULTS.socketsPerUser + 1,
    });
    for (const s of [...sockets, other]) s.close();
  }, 30_000);

  it("GET /api/admin/tenant shows the tenant, its shard and usage against every limit, to admins only", async () => {
    const admin = await makeTenant();
    const res = await api("GET", "/admin/tenant", { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenant: { id: admin.tenantId, slug: admin.slug }, shard: expect.any(String) });
    // shardBytes: D1's 10 GB per shard
    expect(Object.keys(res.body.limits).sort()).toEqual([...Object.keys(LIMIT_DEFAULTS), "shardBytes"].sort());
    expect(res.body.limits.automations).toEqual({ limit: LIMIT_DEFAULTS.automations, used: expect.any(Number) });
    expect(res.body.limits.requestsPerTenant.used).toBeGreaterThan(0);
    const agent = await makeMember(admin, "agent");
    expect((await api("GET", "/admin/tenant", { token: agent.token })).status).toBe(403);
  });
});
