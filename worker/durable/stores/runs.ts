import type { Run, RunFilter, RunPayload, RunStatus, StepResult } from "../../services/automation/run";

// The automation run queue in the tenant object's SQLite storage. A run survives eviction and
// restarts because it is a row, not a promise; enqueueing is idempotent per (automation, event).

type Row = {
  id: string;
  automation: string;
  entity: string;
  trigger: string;
  event_key: string;
  status: RunStatus;
  attempts: number;
  next_at: number | null;
  config_version: number;
  depth: number;
  payload: string;
  steps: string;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
};

const fromRow = (r: Row): Run => ({
  id: r.id,
  automation: r.automation,
  entity: r.entity,
  trigger: r.trigger,
  eventKey: r.event_key,
  status: r.status,
  attempts: r.attempts,
  nextAt: r.next_at,
  configVersion: r.config_version,
  depth: r.depth,
  payload: JSON.parse(r.payload) as RunPayload,
  steps: JSON.parse(r.steps) as StepResult[],
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export type NewRun = Omit<Run, "attempts" | "steps" | "error" | "startedAt" | "finishedAt" | "status" | "nextAt"> & {
  status: "queued" | "skipped";
  error?: string;
};

/** Inserts a run unless this automation already has one for this event. Returns whether it did. */
export function enqueueRun(sql: SqlStorage, run: NewRun): boolean {
  const cursor = sql.exec(
    `INSERT OR IGNORE INTO runs (id, automation, entity, trigger, event_key, status, next_at, config_version, depth,
      payload, error, created_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    run.id,
    run.automation,
    run.entity,
    run.trigger,
    run.eventKey,
    run.status,
    run.status === "queued" ? run.createdAt : null,
    run.configVersion,
    run.depth,
    JSON.stringify(run.payload),
    run.error ?? null,
    run.createdAt,
    run.status === "skipped" ? run.createdAt : null,
  );
  return cursor.rowsWritten > 0;
}

/** Queued runs whose time has come, oldest first. */
export function dueRuns(sql: SqlStorage, now: number, limit = 25): Run[] {
  return sql
    .exec<Row>(`SELECT * FROM runs WHERE status = 'queued' AND next_at <= ? ORDER BY next_at LIMIT ?`, now, limit)
    .toArray()
    .map(fromRow);
}

/**
 * Runs left "running" by an earlier instance of the object were interrupted (an instance is
 * the only one of its tenant, so the old one is gone): queue them again. Their finished steps
 * are kept and their effects are idempotent, so they complete exactly once.
 */
export function requeueInterrupted(sql: SqlStorage, now: number): void {
  // (No count returned: SQLite's rowsWritten counts index rows too, so it is not "runs requeued".)
  sql.exec(`UPDATE runs SET status = 'queued', next_at = ? WHERE status = 'running'`, now);
}

export function markRunning(sql: SqlStorage, id: string, now: number): void {
  sql.exec(
    `UPDATE runs SET status = 'running', attempts = attempts + 1, started_at = ?, next_at = NULL WHERE id = ?`,
    now,
    id,
  );
}

export function saveSteps(sql: SqlStorage, id: string, steps: StepResult[]): void {
  sql.exec(`UPDATE runs SET steps = ? WHERE id = ?`, JSON.stringify(steps), id);
}

export function finishRun(
  sql: SqlStorage,
  id: string,
  status: "succeeded" | "failed",
  now: number,
  error: string | null,
): void {
  sql.exec(
    `UPDATE runs SET status = ?, finished_at = ?, error = ?, next_at = NULL WHERE id = ?`,
    status,
    now,
    error,
    id,
  );
}

export function retryRun(sql: SqlStorage, id: string, at: number, error: string): void {
  sql.exec(`UPDATE runs SET status = 'queued', next_at = ?, error = ? WHERE id = ?`, at, error, id);
}

export function nextRunAt(sql: SqlStorage): number | undefined {
  const row = sql
    .exec<{ at: number | null }>(`SELECT min(next_at) AS at FROM runs WHERE status = 'queued'`)
    .toArray()[0];
  return row?.at ?? undefined;
}

export function listRuns(sql: SqlStorage, f: RunFilter): Run[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.automation) where.push("automation = ?"), args.push(f.automation);
  if (f.status) where.push("status = ?"), args.push(f.status);
  const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
  return sql
    .exec<Row>(`SELECT * FROM runs ${clause} ORDER BY created_at DESC, id DESC LIMIT ?`, ...args, f.limit)
    .toArray()
    .map(fromRow);
}

/**
 * How long finished runs stay readable (the Studio's run list, GET /api/admin/automation/runs):
 * the newest KEPT, and none older than EXPIRE. A run younger than FLOOR is never removed, because
 * its row is what keeps a re-delivered event or webhook (signatures are good for 300 s) from
 * starting it twice. Without this the queue's table grows with every event, forever.
 */
export const RUN_RETENTION = { kept: 5_000, expireMs: 7 * 86_400_000, floorMs: 3_600_000, slice: 500 };

/** Removes one slice of finished runs past retention, oldest first; says whether any went. */
export function pruneFinishedRuns(sql: SqlStorage, now: number, keep = RUN_RETENTION): boolean {
  const cursor = sql.exec(
    `DELETE FROM runs WHERE id IN (
       SELECT id FROM runs
       WHERE status IN ('succeeded', 'failed', 'skipped') AND finished_at < ?
         AND (finished_at < ? OR created_at < (SELECT created_at FROM runs ORDER BY created_at DESC LIMIT 1 OFFSET ?))
       ORDER BY created_at LIMIT ?)`,
    now - keep.floorMs,
    now - keep.expireMs,
    keep.kept - 1,
    keep.slice,
  );
  return cursor.rowsWritten > 0;
}

/** Exponential back-off with jitter: ~2 s, 4 s, 8 s … capped at 5 minutes. */
export function backoffMs(attempt: number, random = Math.random()): number {
  const base = Math.min(300_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.75 + random * 0.5));
}
