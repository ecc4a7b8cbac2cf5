import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../worker/db/client";
import { TenantDb } from "../../../worker/db/tenant-db";
import { pickAssignee } from "../../../worker/services/routing";
import { api, tenantDbOf, makeMember, makeTenant } from "../helpers";

function counter() {
  const values = new Map<string, number>();
  return (name: string) => {
    const v = values.get(name) ?? 0;
    values.set(name, v + 1);
    return v;
  };
}

describe("routing", () => {
  it("round robin spreads 100 assignments evenly and skips deactivated members", async () => {
    const admin = await makeTenant();
    const agents = [];
    for (let i = 0; i < 4; i++) agents.push(await makeMember(admin, "agent"));
    const tdb = await tenantDbOf(admin.tenantId);
    const next = counter();
    const tally = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const who = await pickAssignee(
        tdb,
        { strategy: "round_robin", members: { role: "agent" } },
        { entity: "cases", key: "agents", counter: next },
      );
      tally.set(who!, (tally.get(who!) ?? 0) + 1);
    }
    expect([...tally.values()]).toEqual([25, 25, 25, 25]);

    await api("PATCH", `/admin/members/${agents[0]!.userId}`, { token: admin.token, body: { active: false } });
    const after = new Set<string>();
    for (let i = 0; i < 30; i++)
      after.add(
        (await pickAssignee(
          tdb,
          { strategy: "round_robin", members: { role: "agent" } },
          { entity: "cases", key: "agents", counter: next },
        ))!,
      );
    expect(after.has(agents[0]!.userId)).toBe(false);
    expect(after.size).toBe(3);
  });

  it("least open gives each new case to whoever has the fewest open ones", async () => {
    const admin = await makeTenant();
    const a = await makeMember(admin, "agent");
    const b = await makeMember(admin, "agent");
    for (let i = 0; i < 3; i++)
      await api("POST", "/crm/cases", { token: admin.token, body: { subject: `A${i}`, assignee: a.userId } });
    const tdb = await tenantDbOf(admin.tenantId);
    const routing = { strategy: "least_open" as const, members: { users: [a.userId, b.userId] } };
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const who = (await pickAssignee(tdb, routing, {
        entity: "cases",
        key: "x",
        counter: counter(),
        openSteps: ["new", "open", "waiting_on_customer"],
      }))!;
      picks.push(who);
      await api("POST", "/crm/cases", { token: admin.token, body: { subject: `N${i}`, assignee: who } });
    }
    // b catches up first (3 cases), then they alternate.
    expect(picks.slice(0, 3)).toEqual([b.userId, b.userId, b.userId]);
    expect(
      await pickAssignee(
        tdb,
        { strategy: "least_open", members: { role: "manager" } },
        { entity: "cases", key: "x", counter: counter() },
      ),
    ).toBeUndefined();
  });
});
