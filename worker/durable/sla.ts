import { auditLog } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { runBatch } from "../db/batch";
import { conditionScope } from "../shared/config/condition-scope";
import { evaluateCondition } from "../shared/config/evaluate";
import { getItem, itemsOf, type Snapshot } from "../shared/config/snapshot";
import type { SlaConfig } from "../shared/config/sla";
import type { ServerMessage } from "../shared/protocol";
import type { Calendar } from "../shared/time/business-calendar";
import type { OutboxEvent } from "../services/events/drain";
import {
  applyFirings,
  cancelTimer,
  completeTimer,
  dueFirings,
  isOpen,
  pauseTimer,
  resumeTimer,
  startTimer,
  type Firing,
  type Timer,
} from "../services/sla/timer";
import {
  dueTimers,
  nextTimerAt,
  saveTimer,
  slaCounts,
  timersOfRecord,
  timersOfRecords,
  type StoredTimer,
} from "./stores/sla-timers";

export type SlaHost = {
  sql: SqlStorage;
  tdb: (tenantId: string) => TenantDb;
  snapshotAt: (tenantId: string, version: number) => Promise<Snapshot>;
  broadcast: (message: ServerMessage, tags?: string[]) => void;
  /** Starts automations for an SLA event (idempotent by key). */
  emit: (tenantId: string, timer: StoredTimer, firing: Firing, policy: SlaConfig | undefined) => Promise<void>;
};

type Record_ = Record<string, unknown>;

function calendarOf(snapshot: Snapshot, policy: SlaConfig | undefined): Calendar {
  return policy?.calendar ? getItem(snapshot, "calendar", "tenant", policy.calendar) : undefined;
}

/**
 * SLA timers of a tenant: started, paused, resumed, completed and cancelled by record events;
 * warnings and breaches fired by the object's alarm, each once, late firings caught up on wake.
 */
export class SlaEngine {
  constructor(private readonly host: SlaHost) {}

  /** Applies one committed record event to the record's timers. */
  async onRecordEvent(
    tenantId: string,
    event: OutboxEvent,
    kind: "create" | "update" | "delete",
    now: number,
  ): Promise<void> {
    if (!event.entity || !event.recordId) return;
    const record = ((event.after ?? event.before) as Record_ | null) ?? {};
    const timers = timersOfRecord(this.host.sql, event.recordId).filter(isOpen);
    if (kind === "delete") {
      for (const t of timers) saveTimer(this.host.sql, { ...cancelTimer(t, now), record });
      return;
    }
    const snapshot = await this.host.snapshotAt(tenantId, event.configVersion ?? 0);
    const started = this.startNew(snapshot, event, record, now, timersOfRecord(this.host.sql, event.recordId));
    for (const t of [...timers, ...started]) await this.reconcile(tenantId, t, record, now);
  }

  /** Timers for policies (of the event's config version) that now apply and have none yet. */
  private startNew(
    snapshot: Snapshot,
    event: OutboxEvent,
    record: Record_,
    now: number,
    existing: StoredTimer[],
  ): StoredTimer[] {
    const started: StoredTimer[] = [];
    for (const [key, policy] of Object.entries(itemsOf(snapshot, "sla", event.entity!))) {
      const ctx = { record, now, ...conditionScope(snapshot, event.entity!) };
      if (policy.when && !evaluateCondition(policy.when, ctx)) continue;
      for (const target of policy.targets) {
        if (existing.some((t) => t.policy === key && t.metric === target.metric)) continue;
        if (evaluateCondition(target.stopWhen, ctx)) continue; // already satisfied: nothing to time
        const timer = startTimer(
          {
            id: `${event.recordId}:${key}:${target.metric}`,
            entity: event.entity!,
            recordId: event.recordId!,
            policy: key,
            metric: target.metric,
            configVersion: event.configVersion ?? 0,
            targetMinutes: target.minutes,
            warnAtPercent: [...(policy.warnAtPercent ?? [])].sort((a, b) => a - b),
          },
          calendarOf(snapshot, policy),
          event.createdAt,
        );
        started.push({ ...timer, record });
      }
    }
    return started;
  }

  /** Moves one open timer according to its own policy version: cancel, complete, pause or resume. */
  private async reconcile(tenantId: string, t: StoredTimer, record: Record_, now: number): Promise<void> {
    const snapshot = await this.host.snapshotAt(tenantId, t.configVersion);
    const policy = getItem(snapshot, "sla", t.entity, t.policy);
    const target = policy?.targets.find((x) => x.metric === t.metric);
    const calendar = calendarOf(snapshot, policy);
    const ctx = { record, now, ...conditionScope(snapshot, t.entity) };
    let next: Timer = t;
    if (!policy || !target || (policy.when && !evaluateCondition(policy.when, ctx))) next = cancelTimer(t, now);
    else if (evaluateCondition(target.stopWhen, ctx)) next = completeTimer(t, calendar, now);
    else if (policy.pauseWhen && evaluateCondition(policy.pauseWhen, ctx)) next = pauseTimer(t, calendar, now);
    else next = resumeTimer(t, calendar, now);
    const stored = { ...next, record };
    // Finishing late counts as a breach even if the alarm had not fired it yet.
    if (next.breached && !t.breached) await this.fire(tenantId, stored, [{ kind: "breach", at: next.dueAt }], policy);
    saveTimer(this.host.sql, stored);
  }

  /** Fires everything due (catching up after downtime), once each, then re-plans. */
  async fireDue(tenantId: string, now: number): Promise<number> {
    let fired = 0;
    for (let batch = dueTimers(this.host.sql, now); batch.length > 0; batch = dueTimers(this.host.sql, now)) {
      for (const t of batch) {
        const snapshot = await this.host.snapshotAt(tenantId, t.configVersion);
        const policy = getItem(snapshot, "sla", t.entity, t.policy);
        const calendar = calendarOf(snapshot, policy);
        const firings = dueFirings(t, calendar, now);
        if (firings.length) await this.fire(tenantId, t, firings, policy);
        // Marked only after the effects: a crash in between repeats effects that are idempotent.
        saveTimer(this.host.sql, { ...applyFirings(t, firings, calendar), record: t.record });
        fired += firings.length;
      }
    }
    return fired;
  }

  private async fire(
    tenantId: string,
    t: StoredTimer,
    firings: Firing[],
    policy: SlaConfig | undefined,
  ): Promise<void> {
    const tdb = this.host.tdb(tenantId);
    const dueAt = new Date(t.dueAt).toISOString();
    const rows = firings.map((f) =>
      tdb.own({
        // A deterministic id: a repeated firing finds its history entry already written.
        id: `aud_sla_${t.id}:${f.kind}${f.percent ?? ""}`,
        at: f.at,
        actorId: null,
        action: f.kind === "breach" ? "sla.breached" : "sla.warning",
        targetType: "record",
        targetId: t.recordId,
        before: null,
        after: { policy: t.policy, metric: t.metric, dueAt, ...(f.percent ? { percent: f.percent } : {}) },
      }),
    );
    await runBatch(
      tdb.db,
      rows.map((row) => tdb.db.insert(auditLog).values(row).onConflictDoNothing()),
    );
    for (const f of firings) {
      this.host.broadcast({
        type: f.kind === "breach" ? "sla.breached" : "sla.warning",
        entity: t.entity,
        id: t.recordId,
        metric: t.metric,
        dueAt,
      });
      await this.host.emit(tenantId, t, f, policy);
    }
  }

  nextWake(): number | undefined {
    return nextTimerAt(this.host.sql);
  }

  timers(recordIds: string[]): StoredTimer[] {
    return timersOfRecords(this.host.sql, recordIds);
  }

  counts() {
    return slaCounts(this.host.sql);
  }
}
