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
  pruneFinishedRuns,
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

  it("keeps the newest finished runs, drops expired ones, and never a queued or recent one", async () => {
    await runInDurableObject(tenantHub(env, "stores-runs-prune"), (_: TenantHub, state) => {
      const sql = state.storage.sql;
      const keep = { kept: 3, expireMs: 10_000, floorMs: 1_000, slice: 2 };
      const HOUR = 3_600_000;
      for (let i = 0; i < 6; i++) {
        enqueueRun(sql, run(`run_${i}`, `event:${i}`, { createdAt: T0 + i }));
        markRunning(sql, `run_${i}`, T0 + i);
        finishRun(sql, `run_${i}`, "succeeded", T0 + i, null);
      }
      enqueueRun(sql, run("queued_old", "event:q", { createdAt: T0 - HOUR })); // waiting: kept whatever its age
      const ids = () => listRuns(sql, { limit: 100 }).map((r) => r.id);

      // Within the floor nothing goes, even past the count (the rows deduplicate re-deliveries).
      expect(pruneFinishedRuns(sql, T0 + 500, keep)).toBe(false);
      expect(ids()).toHaveLength(7);
      // Past the floor: beyond the newest three rows, oldest first, one slice at a time.
      expect(pruneFinishedRuns(sql, T0 + 2_000, keep)).toBe(true);
      expect(ids()).toEqual(["run_5", "run_4", "run_3", "run_2", "queued_old"]);
      pruneFinishedRuns(sql, T0 + 2_000, keep);
      expect(ids()).toEqual(["run_5", "run_4", "run_3", "queued_old"]);
      // Past expiry every finished run goes; the queued one stays.
      pruneFinishedRuns(sql, T0 + 20_000, keep);
      pruneFinishedRuns(sql, T0 + 20_000, keep);
      expect(ids()).toEqual(["queued_old"]);
      expect(dueRuns(sql, T0).map((r) => r.id)).toEqual(["queued_old"]);
    });
  });

  it("backs off exponentially with jitter, capped at five minutes", () => {
    expect(backoffMs(1, 0.5)).toBe(2000);
    expect(backoffMs(3, 0)).toBe(6000);
    expect(backoffMs(3, 1)).toBe(10_000);
    expect(backoffMs(30, 0.5)).toBe(300_000);
  });
});
