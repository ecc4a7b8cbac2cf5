// The tenant object's own SQLite schema: created with idempotent DDL in the constructor and
// versioned in `meta` (Durable Objects have no PRAGMA user_version).

const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    // Automation runs: queued by the outbox drain, webhooks and schedules; executed on the alarm.
    `CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      automation TEXT NOT NULL,
      entity TEXT NOT NULL,
      trigger TEXT NOT NULL,
      event_key TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER,
      config_version INTEGER NOT NULL,
      depth INTEGER NOT NULL DEFAULT 0,
      payload TEXT NOT NULL,
      steps TEXT NOT NULL DEFAULT '[]',
      error TEXT,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      UNIQUE (entity, automation, event_key)
    )`,
    `CREATE INDEX IF NOT EXISTS runs_due ON runs (status, next_at)`,
    `CREATE INDEX IF NOT EXISTS runs_created ON runs (created_at)`,
    // Cron triggers of the current config with their next due time.
    `CREATE TABLE IF NOT EXISTS schedules (
      entity TEXT NOT NULL,
      trigger TEXT NOT NULL,
      cron TEXT NOT NULL,
      timezone TEXT NOT NULL,
      next_at INTEGER NOT NULL,
      PRIMARY KEY (entity, trigger)
    )`,
  ],
  [
    // SLA timers: one row per (record, policy, metric); `data` is the whole timer value.
    `CREATE TABLE IF NOT EXISTS sla_timers (
      id TEXT PRIMARY KEY,
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      policy TEXT NOT NULL,
      metric TEXT NOT NULL,
      state TEXT NOT NULL,
      open INTEGER NOT NULL,
      next_fire_at INTEGER,
      data TEXT NOT NULL,
      UNIQUE (entity, record_id, policy, metric)
    )`,
    `CREATE INDEX IF NOT EXISTS sla_due ON sla_timers (next_fire_at) WHERE next_fire_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS sla_record ON sla_timers (record_id)`,
  ],
  [
    // Approval steps with a deadline: passing it escalates the request.
    `CREATE TABLE IF NOT EXISTS approval_timers
      (approval_id TEXT PRIMARY KEY, step INTEGER NOT NULL, due_at INTEGER NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS approval_timers_due ON approval_timers (due_at)`,
  ],
  [
    // Background jobs (CSV imports): the file is in R2; cursor/chunk/next_row are the checkpoint
    // after the last chunk whose records committed.
    `CREATE TABLE IF NOT EXISTS jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      entity TEXT NOT NULL,
      state TEXT NOT NULL,
      dry_run INTEGER NOT NULL,
      file_key TEXT NOT NULL,
      file_size INTEGER NOT NULL,
      header TEXT NOT NULL,
      actor TEXT NOT NULL,
      total INTEGER NOT NULL,
      done INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      cursor INTEGER NOT NULL,
      chunk INTEGER NOT NULL DEFAULT 0,
      next_row INTEGER NOT NULL DEFAULT 2,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER,
      error TEXT,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER
    )`,
    `CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, created_at)`,
    `CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created_at)`,
  ],
  [
    // Activity reminders waiting to become notifications (one per activity).
    `CREATE TABLE IF NOT EXISTS reminders (activity_id TEXT NOT NULL, user_id TEXT NOT NULL, title TEXT NOT NULL,
      entity TEXT, record_id TEXT, at INTEGER NOT NULL, PRIMARY KEY (activity_id, at))`,
    `CREATE INDEX IF NOT EXISTS reminders_due ON reminders (at)`,
  ],
  [
    // Publish recomputes (kind 'recompute') walk an entity's records by id: the last id done.
    `ALTER TABLE jobs ADD COLUMN after_id TEXT`,
  ],
];

export function migrateStorage(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const row = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`).toArray()[0];
  const current = row ? Number(row.value) : 0;
  for (let v = current; v < MIGRATIONS.length; v++) {
    for (const statement of MIGRATIONS[v]!) sql.exec(statement);
    sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)`, String(v + 1));
  }
}

export function readMeta(sql: SqlStorage, key: string): string | undefined {
  return sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0]?.value;
}

export function writeMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, value);
}

/**
 * The tenant an object serves is its name (`idFromName(tenantId)`), which the runtime gives it as
 * `ctx.id.name`. It is kept in `meta` too, for the one wake that comes without a name: the alarm
 * of an evicted object in workerd before 2026-07 (the runtime of this repo's `wrangler dev`) and,
 * in production, an alarm set before 2026-03-15.
 */
export function tenantOf(id: DurableObjectId, sql: SqlStorage): string | undefined {
  const stored = readMeta(sql, "tenant");
  if (id.name === undefined) return stored;
  if (stored !== id.name) writeMeta(sql, "tenant", id.name);
  return id.name;
}
