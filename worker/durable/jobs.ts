import type { TenantDb } from "../db/tenant-db";
import { ApiError } from "../lib/errors";
import type { Principal } from "../lib/app-env";
import type { JobSnapshot, ServerMessage } from "../shared/protocol";
import { scanRecords } from "../services/jobs/csv-window";
import { importChunk } from "../services/jobs/import-chunk";
import { loadEntity } from "../services/records/entity";
import { recomputeChunk } from "../services/jobs/recompute-chunk";
import { COMPUTED_ACTOR_ID } from "../services/records/write";

// Background jobs: CSV imports and publish recomputes of computed fields (recompute-chunk.ts,
// one chunk of records per wake, walked by id, the same pacing). Import jobs, run by the tenant object on its alarm:
// one chunk (≤ ROWS_PER_CHUNK records, read
// from R2 by byte range) per wake, then the alarm is re-armed, so the object keeps answering
// between chunks and a restart continues from the last checkpoint. The checkpoint is written
// after the chunk's records commit; a chunk run twice finds its marker (see import-chunk.ts).

export const ROWS_PER_CHUNK = 500;
// After a chunk the job waits as long as the chunk took: it has at most half of the database's
// time, and the tenant's other work (and other tenants on the same database) the rest.
const PACE = 1;
const WINDOW_BYTES = 512 * 1024;
const MAX_WINDOW_BYTES = 8 * 1024 * 1024; // one record longer than this fails the job
const MAX_ATTEMPTS = 5;

type Deps = {
  sql: SqlStorage;
  env: Env;
  tdb: (tenantId: string) => TenantDb;
  broadcast: (message: ServerMessage) => void;
};

type JobRow = {
  id: string;
  kind: string;
  entity: string;
  state: JobSnapshot["state"];
  dry_run: number;
  file_key: string;
  file_size: number;
  header: string;
  actor: string;
  total: number;
  done: number;
  failed: number;
  cursor: number;
  chunk: number;
  next_row: number;
  attempts: number;
  next_at: number | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  after_id: string | null;
};

export type NewJob = {
  id: string;
  entity: string;
  dryRun: boolean;
  fileKey: string;
  fileSize: number;
  header: string;
  headerEnd: number;
  total: number;
  actor: Pick<Principal, "userId" | "role">;
  now: number;
};

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function presentJob(r: JobRow): JobSnapshot {
  return {
    id: r.id,
    kind: r.kind === "recompute" ? "recompute" : "import",
    entity: r.entity,
    state: r.state,
    dryRun: r.dry_run === 1,
    total: r.total,
    done: r.done,
    failed: r.failed,
    createdBy: (JSON.parse(r.actor) as { userId: string }).userId,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    error: r.error,
  };
}

export class JobDesk {
  constructor(private readonly deps: Deps) {}

  create(job: NewJob): JobSnapshot {
    this.deps.sql.exec(
      `INSERT INTO jobs (id, kind, entity, state, dry_run, file_key, file_size, header, actor, total, cursor,
        created_at) VALUES (?, 'import', ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
      job.id,
      job.entity,
      job.dryRun ? 1 : 0,
      job.fileKey,
      job.fileSize,
      job.header,
      JSON.stringify(job.actor),
      job.total,
      job.headerEnd,
      job.now,
    );
    return this.announce(job.id)!;
  }

  /**
   * A recompute of an entity's computed fields after a publish changed them: `total` records,
   * walked by id. A newer recompute of the same entity replaces a queued or running one (it
   * starts over with the newest definitions).
   */
  createRecompute(job: { id: string; entity: string; total: number; now: number }): JobSnapshot {
    this.deps.sql.exec(
      `UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE kind = 'recompute' AND entity = ? AND state
        IN ('queued', 'running')`,
      job.now,
      job.entity,
    );
    this.deps.sql.exec(
      `INSERT INTO jobs (id, kind, entity, state, dry_run, file_key, file_size, header, actor, total, cursor,
        created_at, after_id) VALUES (?, 'recompute', ?, 'queued', 0, '', 0, '', ?, ?, 0, ?, '')`,
      job.id,
      job.entity,
      JSON.stringify({ userId: COMPUTED_ACTOR_ID, role: "admin" }),
      job.total,
      job.now,
    );
    return this.announce(job.id)!;
  }

  list(limit: number): JobSnapshot[] {
    return this.deps.sql
      .exec<JobRow>(`SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?`, limit)
      .toArray()
      .map(presentJob);
  }

  get(id: string): JobSnapshot | undefined {
    const row = this.row(id);
    return row && presentJob(row);
  }

  cancel(id: string, now: number): JobSnapshot | undefined {
    this.deps.sql.exec(
      `UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state IN ('queued', 'running')`,
      now,
      id,
    );
    return this.announce(id);
  }

  /** When the next chunk is due, while a job is waiting or running; the hub's alarm takes it from there. */
  nextWake(): number | undefined {
    const [row] = this.deps.sql
      .exec<{ n: number; at: number | null }>(
        `SELECT count(*) AS n, min(coalesce(next_at, 0)) AS at FROM jobs WHERE state IN ('queued', 'running')`,
      )
      .toArray();
    return row && row.n > 0 ? Math.max(row.at ?? 0, Date.now()) : undefined;
  }

  /** Runs one chunk of the oldest active job. Returns whether it did any work. */
  async runSlice(tenantId: string, now: number): Promise<boolean> {
    const [job] = this.deps.sql
      .exec<JobRow>(`SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY created_at LIMIT 1`)
      .toArray();
    if (!job || (job.next_at ?? 0) > now) return false;
    if (job.state === "queued")
      this.deps.sql.exec(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`, now, job.id);
    const started = Date.now();
    try {
      await this.chunkOf({ ...job, state: "running" }, tenantId, now);
    } catch (error) {
      this.failure(job, error, now);
    }
    this.deps.sql.exec(
      `UPDATE jobs SET next_at = ? WHERE id = ?`,
      Date.now() + Math.round((Date.now() - started) * PACE),
      job.id,
    );
    this.announce(job.id);
    return true;
  }

  private async chunkOf(job: JobRow, tenantId: string, now: number): Promise<void> {
    if (job.kind === "recompute") return this.recomputeChunkOf(job, tenantId, now);
    const window = await this.window(job);
    if (window.spans.length === 0) return this.finish(job, now);
    const decoder = new TextDecoder();
    const records = window.spans.map((s) => decoder.decode(window.bytes.subarray(s.start, s.end)));
    const ctx = await loadEntity(this.deps.env, tenantId, job.entity);
    const outcome = await importChunk({
      tdb: this.deps.tdb(tenantId),
      ctx,
      actor: JSON.parse(job.actor),
      jobId: job.id,
      chunk: job.chunk,
      header: job.header,
      records,
      firstRow: job.next_row,
      dryRun: job.dry_run === 1,
      now,
    });
    const end = job.cursor + window.spans.at(-1)!.end;
    // Only if nothing moved meanwhile: a cancel (or another wake) wins over this checkpoint.
    this.deps.sql.exec(
      `UPDATE jobs SET cursor = ?, chunk = chunk + 1, next_row = next_row + ?, done = done + ?, failed = failed + ?,
        attempts = 0 WHERE id = ? AND state = 'running' AND chunk = ?`,
      end,
      records.length,
      outcome.done,
      outcome.failed,
      job.id,
      job.chunk,
    );
    if (end >= job.file_size) this.finish(job, now);
  }

  private async recomputeChunkOf(job: JobRow, tenantId: string, now: number): Promise<void> {
    const ctx = await loadEntity(this.deps.env, tenantId, job.entity);
    const outcome = await recomputeChunk({ tdb: this.deps.tdb(tenantId), ctx, afterId: job.after_id ?? "", now });
    if (outcome.lastId === null) return this.finish(job, now);
    // `done` counts records looked at; `total` was their number when the job started.
    this.deps.sql.exec(
      `UPDATE jobs SET after_id = ?, chunk = chunk + 1, done = done + ?, total = max(total, done + ?), attempts = 0
        WHERE id = ? AND state = 'running' AND chunk = ?`,
      outcome.lastId,
      outcome.scanned,
      outcome.scanned,
      job.id,
      job.chunk,
    );
  }

  /** The next records after the checkpoint; the window grows when one record does not fit. */
  private async window(job: JobRow): Promise<{ bytes: Uint8Array; spans: ReturnType<typeof scanRecords> }> {
    for (let length = WINDOW_BYTES; ; length *= 2) {
      const remaining = job.file_size - job.cursor;
      if (remaining <= 0) return { bytes: new Uint8Array(), spans: [] };
      const object = await this.deps.env.FILES.get(job.file_key, {
        range: { offset: job.cursor, length: Math.min(length, remaining) },
      });
      if (!object) throw new ApiError(410, "gone", "The uploaded file is no longer stored");
      const bytes = new Uint8Array(await object.arrayBuffer());
      const eof = job.cursor + bytes.byteLength >= job.file_size;
      const spans = scanRecords(bytes, ROWS_PER_CHUNK, eof);
      if (spans.length > 0 || eof) return { bytes, spans };
      if (length >= MAX_WINDOW_BYTES)
        throw new ApiError(
          422,
          "validation_failed",
          `Row ${job.next_row} is longer than ${MAX_WINDOW_BYTES / 1024 / 1024} MB`,
        );
    }
  }

  private finish(job: JobRow, now: number): void {
    this.deps.sql.exec(
      `UPDATE jobs SET state = 'succeeded', finished_at = ?, total = done + failed WHERE id = ? AND state = 'running'`,
      now,
      job.id,
    );
  }

  /** A refusal (the entity is gone, a column the role may not write) ends the job; anything else is retried. */
  private failure(job: JobRow, error: unknown, now: number): void {
    const permanent = error instanceof ApiError && error.status < 500;
    const attempts = job.attempts + 1;
    if (permanent || attempts >= MAX_ATTEMPTS) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.sql.exec(
        `UPDATE jobs SET state = 'failed', error = ?, finished_at = ? WHERE id = ? AND state = 'running'`,
        message.slice(0, 1000),
        now,
        job.id,
      );
    } else {
      console.warn("import job chunk failed; retrying on the next wake", job.id, error);
      this.deps.sql.exec(`UPDATE jobs SET attempts = ? WHERE id = ?`, attempts, job.id);
    }
  }

  private row(id: string): JobRow | undefined {
    return this.deps.sql.exec<JobRow>(`SELECT * FROM jobs WHERE id = ?`, id).toArray()[0];
  }

  private announce(id: string): JobSnapshot | undefined {
    const job = this.get(id);
    if (job) this.deps.broadcast({ type: "job.progress", job });
    return job;
  }
}
