import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  advanceSchedule,
  dueSchedules,
  nextScheduleAt,
  syncSchedules,
} from "../../../../worker/durable/stores/schedules";
import type { TenantHub } from "../../../../worker/durable/tenant-hub";
import { tenantHub } from "../../../../worker/lib/hub";
import type { Snapshot } from "../../../../worker/shared/config/snapshot";

const T0 = Date.UTC(2026, 0, 5, 9, 30); // a Monday, 09:30 UTC
const HOUR = 3_600_000;
const hourly = (cron = "0 * * * *"): Snapshot => ({ trigger: { cases: { hourly: { on: "schedule", cron } } } });

describe("cron schedules in the tenant object's storage", () => {
  it("keeps an unchanged schedule's due time across publishes, moves a changed one, drops a removed one", async () => {
    await runInDurableObject(tenantHub(env, "stores-schedules-a"), (_: TenantHub, state) => {
      const sql = state.storage.sql;
      syncSchedules(sql, hourly(), T0);
      expect(nextScheduleAt(sql)).toBe(T0 + HOUR / 2); // 10:00
      syncSchedules(sql, hourly(), T0 + HOUR); // republished later, same cron: due time kept
      expect(nextScheduleAt(sql)).toBe(T0 + HOUR / 2);
      syncSchedules(sql, hourly("30 * * * *"), T0);
      expect(nextScheduleAt(sql)).toBe(T0 + HOUR); // 10:30
      syncSchedules(sql, {}, T0);
      expect(nextScheduleAt(sql)).toBeUndefined();
    });
  });

  it("fires once after a long sleep, then is due at the next slot after now", async () => {
    await runInDurableObject(tenantHub(env, "stores-schedules-b"), (_: TenantHub, state) => {
      const sql = state.storage.sql;
      syncSchedules(sql, hourly(), T0);
      const late = T0 + 5 * HOUR + 60_000; // 14:31, five slots missed
      const due = dueSchedules(sql, late);
      expect(due.map((s) => [s.entity, s.trigger])).toEqual([["cases", "hourly"]]);
      advanceSchedule(sql, due[0]!, late);
      expect(nextScheduleAt(sql)).toBe(T0 + 5 * HOUR + HOUR / 2); // 15:00
      expect(dueSchedules(sql, late)).toEqual([]);
    });
  });
});
