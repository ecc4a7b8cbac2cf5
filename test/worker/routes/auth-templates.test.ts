import { describe, expect, it } from "vitest";
import { contentHash } from "../../../worker/shared/config/hash";
import { demoSnapshot, starterSnapshot } from "../../../worker/shared/config/starter";
import { TEMPLATE_NAMES, templateSnapshot } from "../../../worker/shared/config/templates";
import { validateSnapshot } from "../../../worker/shared/config/validate";
import { api, freshIp, PASSWORD } from "../helpers";

const register = (template?: string) =>
  api("POST", "/auth/register", {
    body: {
      email: `t-${Math.random().toString(36).slice(2)}@example.test`,
      password: PASSWORD,
      name: "Admin",
      tenantName: `T ${Math.random().toString(36).slice(2)}`,
      ...(template ? { template } : {}),
    },
    headers: { "cf-connecting-ip": freshIp() },
  });

describe("sign-up templates", { timeout: 30_000 }, () => {
  it("are valid configurations; standard is the starter config and complete the demo config", async () => {
    for (const name of TEMPLATE_NAMES) expect(validateSnapshot(templateSnapshot(name)), name).toEqual([]);
    expect(await contentHash(templateSnapshot("standard"))).toBe(await contentHash(starterSnapshot()));
    expect(await contentHash(templateSnapshot("complete"))).toBe(await contentHash(demoSnapshot()));
  });

  it("are offered at sign-up; register without one gives the starter config", async () => {
    const list = await api("GET", "/auth/templates");
    expect(list.body.templates.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(["sales", "support", "blank"]),
    );

    const plain = await register();
    const plainConfig = (await api("GET", "/runtime/config", { token: plain.body.token })).body;
    expect(plainConfig.hash).toBe(await contentHash(starterSnapshot()));
  });

  it("sales and support templates carry their entities; blank has none", async () => {
    const sales = await register("sales");
    expect(sales.status).toBe(201);
    const salesConfig = (await api("GET", "/runtime/config", { token: sales.body.token })).body.snapshot;
    expect(Object.keys(salesConfig.form).sort()).toEqual(["customers", "deals"]);
    expect(salesConfig.automation.deals.won_kickoff).toBeDefined();

    const support = (await api("GET", "/runtime/config", { token: (await register("support")).body.token })).body
      .snapshot;
    expect(Object.keys(support.form).sort()).toEqual(["cases", "customers"]);
    expect(support.sla.cases).toBeDefined();

    const blank = (await api("GET", "/runtime/config", { token: (await register("blank")).body.token })).body.snapshot;
    expect(blank.form).toBeUndefined();

    expect((await register("nope")).status).toBe(422);
  });
});
