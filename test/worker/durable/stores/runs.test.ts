import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  backoffMs,
  dueRuns,
  enqueueRun,
  finishRun,
  listRuns,
  markRunning,
  nextRunAt,
  requeueInterrupted,
  type NewRun,
} from "../../../../worker/durable/stores/runs";
import type { TenantHub } from "../../../../worker/durable/tenant-hub";
import { tenantHub } from "../../../../worker/lib/hub";

const T0 = Date.UTC(2026, 0, 5, 9);
const run = (id: string, eventKey: string, over: Partial<NewRun> = {}): NewRun => ({
  id,
  automation: "notify",
  entity: "cases",
  trigger: "created",
  eventKey,
  status: "queued",
  configVersion: 1,
  depth: 0,
  payload: { trigger: { kind: "record.created" } },
  createdAt: T0,
  ...over,
});

describe("the run queue in the tenant object's storage", () => {
  it("queues a run once per (automation, event) and hands out what is due, oldest first", async () => {
    await runInDurableObject(tenantHub(env, "stores-runs-a"), (_: TenantHub, state) => {
      const sql = state.storage.sql;
      expect(enqueueRun(sql, run("run_1", "event:1"))).toBe(true);
      expect(enqueueRun(sql, run("run_1b", "event:1"))).toBe(false); // the same event again: no second run
      expect(enqueueRun(sql, run("run_2", "event:2", { createdAt: T0 + 1000 }))).toBe(true);
      expect(enqueueRun(sql, run("run_3", "event:3", { status: "skipped", error: "too deep" }))).toBe(true);
      expect(dueRuns(sql, T0 + 500).map((r) => r.id)).toEqual(["run_1"]);
      expect(dueRuns(sql, T0 + 5000).map((r) => r.id)).toEqual(["run_1", "run_2"]);
      expect(nextRunAt(sql)).toBe(T0);
      expect(listRuns(sql, { status: "skipped", limit: 10 }).map((r) => [r.id, r.error])).toEqual([
        ["run_3", "too deep"],
      ]);
    });
  });

  it("queues a run again when the object that ran it went away, keeping its attempt count", async () => {
    await runInDurableObject(tenantHub(env, "stores-runs-b"), (_: TenantHub, state) => {
      const sql = state.storage.sql;
      enqueueRun(sql, run("run_1", "event:1"));
      enqueueRun(sql, run("run_2", "event:2"));
      markRunning(sql, "run_1", T0 + 10);
      markRunning(sql, "run_2", T0 + 10);
      finishRun(sql, "run_2", "succeeded", T0 + 20, null);
      requeueInterrupted(sql, T0 + 30);
      expect(dueRuns(sql, T0 + 30).map((r) => [r.id, r.status, r.attempts])).toEqual([["run_1", "queued", 1]]);
      expect(listRuns(sql, { status: "succeeded", limit: 10 }).map((r) => r.id)).toEqual(["run_2"]);
    });
  });

  it("backs off exponentially with jitter, capped at five minutes", () => {
    expect(backoffMs(1, 0.5)).toBe(2000);
    expect(backoffMs(3, 0)).toBe(6000);
    expect(backoffMs(3, 1)).toBe(10_000);
    expect(backoffMs(30, 0.5)).toBe(300_000);
  });
});
