import { itemsOf, type Snapshot } from "../../shared/config/snapshot";
import { nextCronRun } from "../../shared/time/cron-next";

// Cron triggers of the current config, each with its next due time, in the tenant object's
// storage. A publish re-syncs them; an unchanged schedule keeps its due time.

export type Schedule = { entity: string; trigger: string; cron: string; timezone: string; nextAt: number };

type Row = { entity: string; trigger: string; cron: string; timezone: string; next_at: number };

export function syncSchedules(sql: SqlStorage, snapshot: Snapshot, now: number): void {
  const wanted = new Map<string, { entity: string; trigger: string; cron: string; timezone: string }>();
  for (const entity of Object.keys(snapshot.trigger ?? {})) {
    for (const [key, trigger] of Object.entries(itemsOf(snapshot, "trigger", entity))) {
      if (trigger.on === "schedule")
        wanted.set(`${entity}/${key}`, {
          entity,
          trigger: key,
          cron: trigger.cron,
          timezone: trigger.timezone ?? "UTC",
        });
    }
  }
  const existing = sql.exec<Row>(`SELECT * FROM schedules`).toArray();
  for (const row of existing) {
    const want = wanted.get(`${row.entity}/${row.trigger}`);
    if (!want || want.cron !== row.cron || want.timezone !== row.timezone)
      sql.exec(`DELETE FROM schedules WHERE entity = ? AND trigger = ?`, row.entity, row.trigger);
    else wanted.delete(`${row.entity}/${row.trigger}`);
  }
  for (const s of wanted.values()) {
    const next = nextCronRun(s.cron, now, s.timezone);
    if (next !== null)
      sql.exec(
        `INSERT INTO schedules (entity, trigger, cron, timezone, next_at) VALUES (?, ?, ?, ?, ?)`,
        s.entity,
        s.trigger,
        s.cron,
        s.timezone,
        next,
      );
  }
}

export function dueSchedules(sql: SqlStorage, now: number): Schedule[] {
  return sql
    .exec<Row>(`SELECT * FROM schedules WHERE next_at <= ? ORDER BY next_at`, now)
    .toArray()
    .map((r) => ({ entity: r.entity, trigger: r.trigger, cron: r.cron, timezone: r.timezone, nextAt: r.next_at }));
}

/**
 * After firing: the next time after now (a wake after a long sleep fires a schedule once, not once per missed
 * slot).
 */
export function advanceSchedule(sql: SqlStorage, s: Schedule, now: number): void {
  const next = nextCronRun(s.cron, Math.max(now, s.nextAt), s.timezone);
  if (next === null) sql.exec(`DELETE FROM schedules WHERE entity = ? AND trigger = ?`, s.entity, s.trigger);
  else sql.exec(`UPDATE schedules SET next_at = ? WHERE entity = ? AND trigger = ?`, next, s.entity, s.trigger);
}

export function nextScheduleAt(sql: SqlStorage): number | undefined {
  return sql.exec<{ at: number | null }>(`SELECT min(next_at) AS at FROM schedules`).toArray()[0]?.at ?? undefined;
}
