import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import { api, tenantD1, eventually, makeTenant, openSocket, publishConfig, type Session } from "../helpers";

const hub = (s: Session) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(s.tenantId));
const MINUTE = 60_000;

// A fast 24x7 policy so timers fall due within the test; the starter policies are removed so
// only this one runs.
async function withPolicy(policy: Record<string, unknown>) {
  const admin = await makeTenant();
  for (const key of ["standard", "urgent"])
    await api("DELETE", `/admin/config/sla/cases/${key}/draft`, { token: admin.token });
  const res = await publishConfig(admin, [{ ns: "sla", entity: "cases", key: "fast", config: policy }]);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return admin;
}

const resolution = (minutes: number) => ({
  metric: "resolution",
  minutes,
  stopWhen: { field: "status", op: "in", value: ["resolved", "closed"] },
});
const timersOf = async (s: Session, id: string) =>
  (await api("GET", `/crm/cases/${id}/sla`, { token: s.token })).body.timers as {
    state: string;
    dueAt: string;
    pausedMs: number;
    warnAt?: string;
    completedAt?: string;
  }[];
const move = (s: Session, id: string, to: string) =>
  api("POST", `/crm/cases/${id}/transition`, { token: s.token, body: { to } });

describe("SLA timers", () => {
  it("warn at the configured percentages and breach at 100 %, once each, in history and on the socket", async () => {
    const admin = await withPolicy({ targets: [resolution(0.02)], warnAtPercent: [50] });
    const socket = await openSocket(admin);
    await socket.next((m) => m.type === "hello");
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Down" } });
    const [timer] = await eventually(async () =>
      (await timersOf(admin, c.body.id)).length ? timersOf(admin, c.body.id) : undefined,
    );
    expect(timer).toMatchObject({ state: "running", pausedMs: 0 });
    expect(Date.parse(timer!.dueAt) - Date.parse(c.body.createdAt)).toBeCloseTo(0.02 * MINUTE, -2);
    expect(Date.parse(timer!.warnAt!) - Date.parse(c.body.createdAt)).toBeCloseTo(0.01 * MINUTE, -2);

    expect(await socket.next((m) => m.type === "sla.warning", 5000)).toMatchObject({
      entity: "cases",
      id: c.body.id,
      metric: "resolution",
    });
    expect(await socket.next((m) => m.type === "sla.breached", 5000)).toMatchObject({
      id: c.body.id,
      dueAt: timer!.dueAt,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.messages.filter((m) => m.type === "sla.breached")).toHaveLength(1);
    expect((await timersOf(admin, c.body.id))[0]!.state).toBe("breached");

    const history = await api("GET", `/crm/cases/${c.body.id}/history`, { token: admin.token });
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual([
      "record.created",
      "sla.warning",
      "sla.breached",
    ]);
    const listed = await api("GET", "/crm/cases", { token: admin.token });
    expect(listed.body.items[0].sla).toEqual([expect.objectContaining({ policy: "fast", state: "breached" })]);
    // One record bears an SLA and it breached: compliance is 0 %, never "breached 1, 100 %".
    expect((await api("GET", "/crm/dashboard/metrics", { token: admin.token })).body.cases).toMatchObject({
      breached: 1,
      slaCompliance: 0,
    });
    socket.close();
  });

  it("is met when the stop condition holds before the due time", async () => {
    const admin = await withPolicy({ targets: [resolution(60)] });
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Quick" } });
    await move(admin, c.body.id, "open");
    await move(admin, c.body.id, "resolved");
    const [timer] = await eventually(async () => {
      const t = await timersOf(admin, c.body.id);
      return t[0]?.state === "met" ? t : undefined;
    });
    expect(timer!.completedAt).toEqual(expect.any(String));
    expect((await api("GET", "/crm/dashboard/metrics", { token: admin.token })).body.cases.slaCompliance).toBe(100);
  });

  it("pauses while the pause condition holds and shifts the due time by the paused time", async () => {
    const admin = await withPolicy({
      targets: [resolution(60)],
      pauseWhen: { field: "status", op: "eq", value: "waiting_on_customer" },
    });
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Waiting" } });
    const [before] = await eventually(async () =>
      (await timersOf(admin, c.body.id)).length ? timersOf(admin, c.body.id) : undefined,
    );
    await move(admin, c.body.id, "open");
    await move(admin, c.body.id, "waiting_on_customer");
    await eventually(async () => (await timersOf(admin, c.body.id))[0]?.state === "paused");
    await new Promise((r) => setTimeout(r, 400));
    await move(admin, c.body.id, "open");
    const [after] = await eventually(async () => {
      const t = await timersOf(admin, c.body.id);
      return t[0]?.state === "running" ? t : undefined;
    });
    expect(after!.pausedMs).toBeGreaterThanOrEqual(350);
    expect(Date.parse(after!.dueAt) - Date.parse(before!.dueAt)).toBeGreaterThanOrEqual(350);
  });

  it("still breaches exactly once when the object restarts between start and due time", async () => {
    const admin = await withPolicy({ targets: [resolution(0.01)] });
    const c = await api("POST", "/crm/cases", { token: admin.token, body: { subject: "Restart" } });
    await eventually(async () => (await timersOf(admin, c.body.id)).length > 0);
    await evictDurableObject(hub(admin));
    await new Promise((r) => setTimeout(r, 800));
    await runDurableObjectAlarm(hub(admin)); // whether or not the runtime already fired it
    await eventually(async () => (await timersOf(admin, c.body.id))[0]?.state === "breached");
    await runDurableObjectAlarm(hub(admin));
    const history = await api("GET", `/crm/cases/${c.body.id}/history`, { token: admin.token });
    expect(history.body.items.filter((h: { action: string }) => h.action === "sla.breached")).toHaveLength(1);
  });

  it("fires 1,000 timers due at the same instant once each, catching up after downtime", async () => {
    const admin = await withPolicy({ targets: [resolution(60)] });
    const due = Date.now() - 5 * MINUTE; // the object "was down" when they fell due
    await runInDurableObject(hub(admin), async (_: TenantHub, state) => {
      for (let i = 0; i < 1000; i++) {
        const t = {
          id: `rec_${i}:fast:resolution`,
          entity: "cases",
          recordId: `rec_${i}`,
          policy: "fast",
          metric: "resolution",
          configVersion: 2,
          state: "running",
          targetMinutes: 60,
          warnAtPercent: [],
          warned: [],
          breached: false,
          startedAt: due - 60 * MINUTE,
          segmentStart: due - 60 * MINUTE,
          consumedMinutes: 0,
          pausedAt: null,
          pausedMs: 0,
          dueAt: due,
          warnAts: [],
          completedAt: null,
          nextFireAt: due,
          record: { id: `rec_${i}` },
        };
        state.storage.sql.exec(
          `INSERT INTO sla_timers (id, entity, record_id, policy, metric, state, open, next_fire_at, data)
            VALUES (?, 'cases', ?, 'fast', 'resolution', 'running', 1, ?, ?)`,
          t.id,
          t.recordId,
          due,
          JSON.stringify(t),
        );
      }
      await state.storage.setAlarm(Date.now());
    });
    await runDurableObjectAlarm(hub(admin)); // or the runtime fires it first; either way:
    const breaches = async () =>
      (
        await (
          await tenantD1(admin.tenantId)
        )
          .prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'sla.breached'")
          .bind(admin.tenantId)
          .first<{ n: number }>()
      )?.n;
    await eventually(async () => (await breaches()) === 1000, 20_000, "1,000 breaches");
    await runInDurableObject(hub(admin), async (_: TenantHub, state) => state.storage.setAlarm(Date.now()));
    await runDurableObjectAlarm(hub(admin));
    expect(await breaches()).toBe(1000);
    const open = await runInDurableObject(
      hub(admin),
      (_: TenantHub, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM sla_timers WHERE state = 'breached'").one().n,
    );
    expect(open).toBe(1000);
  }, 30_000);
});
