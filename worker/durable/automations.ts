import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { newId } from "../lib/ids";
import type { Snapshot } from "../shared/config/snapshot";
import type { ServerMessage } from "../shared/protocol";
import { matchAutomations, type AutomationEvent } from "../services/automation/match";
import { executeRun, MAX_ATTEMPTS } from "../services/automation/runner";
import { limitsOf } from "../services/limits/limits";
import type { Run, RunFilter, RunPayload } from "../services/automation/run";
import {
  backoffMs,
  dueRuns,
  enqueueRun,
  finishRun,
  pruneFinishedRuns,
  listRuns,
  markRunning,
  nextRunAt,
  requeueInterrupted,
  retryRun,
  saveSteps,
} from "./stores/runs";
import { advanceSchedule, dueSchedules, nextScheduleAt, syncSchedules } from "./stores/schedules";

// One alarm invocation runs at most this many runs and re-arms for the rest, so a burst of
// thousands never holds the object (or a local dev runtime's request queue) in one long handler.
export const RUNS_PER_WAKE = 100;
/** After a prune that deleted nothing, the next one waits this long. */
const PRUNE_IDLE_MS = 60_000;

// The tenant's background work (runs, drains, job chunks) takes turns with everything else: a
// wake works for at most BACKGROUND_SLICE_MS, and when work is left over the next wake waits as
// long as the last one worked. A backlog of thousands of runs so uses at most about half of the
// isolate it shares with other tenants' objects and requests (one process in `wrangler dev`).
export const BACKGROUND_SLICE_MS = 40;

/** Automation hops after which a chain of automations is cut (recorded as skipped). */
export const MAX_DEPTH = 5;

export type EngineHost = {
  sql: SqlStorage;
  env: Env;
  tdb: (tenantId: string) => TenantDb;
  snapshotAt: (tenantId: string, version: number) => Promise<Snapshot>;
  broadcast: (message: ServerMessage, tags?: string[]) => void;
  counter: (name: string) => number;
  fetch: typeof fetch;
};

export type EventMeta = { key: string; configVersion: number; depth: number; payload: RunPayload; now: number };

/**
 * The tenant's automation engine, living in its Durable Object: matches events to published
 * automations, queues runs durably in SQLite, executes them on the alarm with retries.
 */
export class AutomationEngine {
  // The tenant's run rate (limit runsPerTenant a minute), counted in this object: past it, due
  // runs wait for the next minute. Forgotten if the object is evicted, which only forgives.
  private minute = { start: 0, count: 0 };
  private nextPruneAt = 0;

  constructor(private readonly host: EngineHost) {}

  /** Called once per object instance: runs the previous instance left mid-way are queued again. */
  recover(now: number): void {
    requeueInterrupted(this.host.sql, now);
  }

  /** Queues a run for every automation the event starts; returns the run ids (new or existing). */
  async onEvent(tenantId: string, event: AutomationEvent, meta: EventMeta): Promise<string[]> {
    const snapshot = await this.host.snapshotAt(tenantId, meta.configVersion);
    const matches = matchAutomations(snapshot, event, { now: meta.now, userId: meta.payload.actorId ?? undefined });
    const loop = meta.depth >= MAX_DEPTH;
    return matches.map((m) => {
      const id = newId("run");
      const inserted = enqueueRun(this.host.sql, {
        id,
        automation: m.automation,
        entity: event.entity,
        trigger: m.trigger,
        eventKey: meta.key,
        configVersion: meta.configVersion,
        depth: meta.depth,
        payload: meta.payload,
        createdAt: meta.now,
        status: loop ? "skipped" : "queued",
        error: loop ? `Loop cut: ${meta.depth} automation hops deep` : undefined,
      });
      return inserted
        ? id
        : this.host.sql
            .exec<{ id: string }>(
              `SELECT id FROM runs WHERE entity = ? AND automation = ? AND event_key = ?`,
              event.entity,
              m.automation,
              meta.key,
            )
            .one().id;
    });
  }

  /** Queues the actions a policy names (an SLA's onBreach, an approval's onApprove …) as a run. */
  enqueueActions(entity: string, name: string, actions: string[], meta: EventMeta): void {
    if (actions.length === 0) return;
    enqueueRun(this.host.sql, {
      id: newId("run"),
      automation: name,
      entity,
      trigger: name,
      eventKey: meta.key,
      configVersion: meta.configVersion,
      depth: meta.depth,
      payload: { ...meta.payload, actions },
      createdAt: meta.now,
      status: "queued",
    });
  }

  /**
   * Executes due runs one at a time, recording attempts, steps and back-off, until `max` ran or the
   * clock passes `until`; returns how many ran.
   */
  async runDue(tenantId: string, now = () => Date.now(), max = RUNS_PER_WAKE, until = Infinity): Promise<number> {
    max = Math.min(max, this.runBudget(now()));
    let executed = 0;
    const names = new Map<string, Promise<string | null>>(); // actors' names, once per wake
    // At least one run per wake, however slow the clock says this one was: work always moves.
    const more = () => executed < max && (executed === 0 || now() < until);
    for (
      let batch = dueRuns(this.host.sql, now(), Math.min(25, max));
      batch.length > 0 && more();
      batch = dueRuns(this.host.sql, now(), Math.min(25, max - executed))
    ) {
      for (const run of batch) {
        if (!more()) break;
        await this.execute(tenantId, run, now(), names);
        executed++;
        this.minute.count++;
      }
    }
    return executed;
  }

  /** Runs this tenant may still start in the current minute. */
  private runBudget(now: number): number {
    if (now - this.minute.start >= 60_000) this.minute = { start: now, count: 0 };
    return Math.max(0, limitsOf(this.host.env).runsPerTenant - this.minute.count);
  }

  /** Runs started in the current minute (GET /api/admin/tenant). */
  runsThisMinute(now = Date.now()): number {
    return now - this.minute.start >= 60_000 ? 0 : this.minute.count;
  }

  private async execute(
    tenantId: string,
    run: Run,
    now: number,
    names: Map<string, Promise<string | null>>,
  ): Promise<void> {
    const { sql } = this.host;
    markRunning(sql, run.id, now);
    const tdb = this.host.tdb(tenantId);
    const nameOf = (id: string | null | undefined) => {
      const key = id ?? "";
      if (!names.has(key)) names.set(key, actorName(tdb, id));
      return names.get(key)!;
    };
    const outcome = await executeRun(run, {
      ...this.host,
      tdb,
      now,
      snapshot: await this.host.snapshotAt(tenantId, run.configVersion),
      saveSteps: (steps) => saveSteps(sql, run.id, steps),
      actorName: nameOf,
    });
    const attempts = run.attempts + 1;
    if (outcome.status === "succeeded") finishRun(sql, run.id, "succeeded", Date.now(), null);
    else if (outcome.permanent || attempts >= MAX_ATTEMPTS) finishRun(sql, run.id, "failed", Date.now(), outcome.error);
    else retryRun(sql, run.id, Date.now() + backoffMs(attempts), outcome.error);
  }

  /** Fires due cron triggers, once each, and moves them to their next time. */
  async fireSchedules(tenantId: string, configVersion: number, now: number): Promise<void> {
    for (const schedule of dueSchedules(this.host.sql, now)) {
      const key = `schedule:${schedule.nextAt}`;
      await this.onEvent(
        tenantId,
        { kind: "schedule", entity: schedule.entity, triggerKey: schedule.trigger },
        {
          key,
          configVersion,
          depth: 0,
          now,
          payload: { trigger: { kind: "schedule", body: { scheduledFor: new Date(schedule.nextAt).toISOString() } } },
        },
      );
      advanceSchedule(this.host.sql, schedule, now);
    }
  }

  syncSchedules(snapshot: Snapshot, now: number): void {
    syncSchedules(this.host.sql, snapshot, now);
  }

  /** When the alarm must next wake for automations. */
  nextWake(now = Date.now()): number | undefined {
    const due = nextRunAt(this.host.sql);
    // Over the run rate: due runs wait for the minute to turn.
    const runsAt = due !== undefined && this.runBudget(now) === 0 ? Math.max(due, this.minute.start + 60_000) : due;
    const times = [runsAt, nextScheduleAt(this.host.sql)].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }

  listRuns(filter: RunFilter): Run[] {
    return listRuns(this.host.sql, filter);
  }

  /** Finished runs past retention go, one bounded slice per wake (stores/runs.ts RUN_RETENTION). */
  /**
   * One slice of finished runs past retention. The query reads every finished run of the
   * tenant (thousands, up to an hour's or 5,000), so a wake that found nothing to delete lets
   * the next minute's wakes skip it.
   */
  prune(now = Date.now()): void {
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = pruneFinishedRuns(this.host.sql, now) ? now : now + PRUNE_IDLE_MS;
  }
}

async function actorName(tdb: TenantDb, id: string | null | undefined): Promise<string | null> {
  if (!id || id.startsWith("automation:")) return id ? "Automation" : null;
  const [row] = await tdb.db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return row?.name ?? null;
}
