import type { Timer } from "../../services/sla/timer";

// SLA timers in the tenant object's SQLite storage, indexed by their next firing.

export type StoredTimer = Timer & { record: Record<string, unknown> };

type Row = { data: string };

export function saveTimer(sql: SqlStorage, t: StoredTimer): void {
  sql.exec(
    `INSERT INTO sla_timers (id, entity, record_id, policy, metric, state, open, next_fire_at, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, open = excluded.open,
       next_fire_at = excluded.next_fire_at, data = excluded.data`,
    t.id,
    t.entity,
    t.recordId,
    t.policy,
    t.metric,
    t.state,
    t.completedAt === null ? 1 : 0,
    t.nextFireAt,
    JSON.stringify(t),
  );
}

export function timersOfRecord(sql: SqlStorage, recordId: string): StoredTimer[] {
  return sql
    .exec<Row>(`SELECT data FROM sla_timers WHERE record_id = ? ORDER BY policy, metric`, recordId)
    .toArray()
    .map((r) => JSON.parse(r.data) as StoredTimer);
}

export function timersOfRecords(sql: SqlStorage, recordIds: string[]): StoredTimer[] {
  if (recordIds.length === 0) return [];
  const marks = recordIds.map(() => "?").join(", ");
  return sql
    .exec<Row>(`SELECT data FROM sla_timers WHERE record_id IN (${marks})`, ...recordIds)
    .toArray()
    .map((r) => JSON.parse(r.data) as StoredTimer);
}

export function dueTimers(sql: SqlStorage, now: number, limit = 500): StoredTimer[] {
  return sql
    .exec<Row>(
      `SELECT data FROM sla_timers WHERE next_fire_at IS NOT NULL AND next_fire_at <= ? ORDER BY next_fire_at LIMIT ?`,
      now,
      limit,
    )
    .toArray()
    .map((r) => JSON.parse(r.data) as StoredTimer);
}

export function nextTimerAt(sql: SqlStorage): number | undefined {
  return (
    sql
      .exec<{ at: number | null }>(`SELECT min(next_fire_at) AS at FROM sla_timers WHERE next_fire_at IS NOT NULL`)
      .toArray()[0]?.at ?? undefined
  );
}

/**
 * The dashboard's SLA numbers: breached timers still open, met and breached completed ones, and
 * per record: how many records bear a (not cancelled) SLA timer and how many of them breached one.
 */
export function slaCounts(sql: SqlStorage): {
  breached: number;
  met: number;
  breachedCompleted: number;
  records: number;
  breachedRecords: number;
} {
  const row = sql
    .exec<{ breached: number; met: number; late: number; records: number; breachedRecords: number }>(
      `SELECT coalesce(sum(state = 'breached' AND open = 1), 0) AS breached, coalesce(sum(state = 'met'), 0) AS met,
              coalesce(sum(state = 'breached' AND open = 0), 0) AS late,
              count(DISTINCT CASE WHEN state <> 'cancelled' THEN record_id END) AS records,
              count(DISTINCT CASE WHEN state = 'breached' THEN record_id END) AS breachedRecords
       FROM sla_timers`,
    )
    .one();
  return {
    breached: row.breached,
    met: row.met,
    breachedCompleted: row.late,
    records: row.records,
    breachedRecords: row.breachedRecords,
  };
}
