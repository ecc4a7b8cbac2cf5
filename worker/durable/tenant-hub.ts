import { DurableObject } from "cloudflare:workers";
import { TenantDb } from "../db/tenant-db";
import { forgetPlacement, placementOf, type Placement } from "../services/tenancy/directory";
import { shardDatabase } from "../services/tenancy/placement";
import type { Snapshot } from "../shared/config/snapshot";
import { ClientMessage, PING, PONG, type ServerMessage } from "../shared/protocol";
import { loadVersion, storeVersion } from "../services/config/snapshot-store";
import { EVENT_BATCH, markProcessed, nextEvents, recordMessage, type OutboxEvent } from "../services/events/drain";
import { RECORD_EVENT_KINDS } from "../services/automation/match";
import type { RunFilter, RunView } from "../services/automation/run";
import {
  publishDrafts,
  readHead,
  rollbackTo,
  type Head,
  type Outcome,
  type PublishRequest,
  type PublishResult,
  type Refusal,
  type RollbackRequest,
} from "../services/config/publish";
import { publishBundle, type BundleRequest } from "../services/config/bundle";
import { AutomationEngine, BACKGROUND_SLICE_MS, RUNS_PER_WAKE } from "./automations";
import { ensureViewIndexes } from "../services/records/indexes";
import { markDirty, recomputeDirty, type DirtyParents } from "../services/records/rollups";
import { entitiesToRecompute } from "../services/jobs/recompute-chunk";
import { newId } from "../lib/ids";
import { sql } from "drizzle-orm";
import { SlaEngine } from "./sla";
import { ApprovalDesk } from "./approvals";
import { JobDesk, type NewJob } from "./jobs";
import type { JobSnapshot } from "../shared/protocol";
import { getRecordRow } from "../services/records/read";
import { entityFromSnapshot } from "../services/records/entity";
import { snapshotOf } from "../services/records/write";
import { automationActor } from "../services/automation/runner";
import type { StoredTimer } from "./stores/sla-timers";
import type { Timer } from "../services/sla/timer";
import type { SlaTimerView } from "../shared/sla-timer";
import { migrateStorage, readMeta, tenantOf, writeMeta } from "./stores/schema";
import { parseAllowList } from "../shared/egress-rules";
import { limitsOf } from "../services/limits/limits";
import { acceptSocket, Broadcaster, closeSockets, socketIdentities, socketsFor } from "./sockets";
import { Notifier } from "./notifier";
import { Presence } from "./presence";

/** How long the last drained batch may wait for the next read to carry its mark to the shard. */
const MARK_DELAY_MS = 1_000;

type DrainMark = { shard: string; seq: number };

function parseMark(stored: string | undefined): DrainMark | null {
  return stored ? (JSON.parse(stored) as DrainMark) : null;
}

/** What a publish or rollback RPC answers: plain data, so it survives the RPC boundary. */
export type PublishReply = { ok: true; result: PublishResult } | { ok: false; refusal: Refusal };

/**
 * One per tenant. Serializes publishes (so versions go 1, 2, 3 … whatever the concurrency),
 * knows the current version, holds the tenant's hibernating WebSockets, drains the outbox and
 * keeps the tenant's clock: one alarm, always set to the earliest thing due.
 */
export class TenantHub extends DurableObject<Env> {
  private head: Head | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private drainRequested = false;
  /** The last drained event the shard has not been told of (`unmarked`); `null`: none. */
  private mark: DrainMark | null | undefined;
  /** When the alarm tells the shard of it, if no read has by then. */
  private markDue: number | undefined;
  private draining: Promise<void> | undefined;
  private readonly automations: AutomationEngine;
  private readonly sla: SlaEngine;
  private readonly approvals: ApprovalDesk;
  private readonly jobs: JobDesk;
  private readonly notifier: Notifier;
  private readonly presence: Presence;
  // Fan-out in bounded slices, in order (sockets.ts): a publish to thousands of sockets yields.
  private readonly broadcaster = new Broadcaster();
  /** Where this tenant's data lives (the directory, looked up by `placed()`); the object uses the shard's primary. */
  private placement: Placement | undefined;
  private ownName: string | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    const snapshotAt = async (tenantId: string, version: number) =>
      (await loadVersion(env, tenantId, version))?.snapshot ?? {};
    this.automations = new AutomationEngine({
      sql: ctx.storage.sql,
      env,
      tdb: () => this.tdb(),
      snapshotAt,
      broadcast: (message, tags) => this.broadcast(message, tags),
      counter: (name) => this.counter(name),
      // Only the egress guard's transport: webhook actions call egressFetch (services/egress), which
      // checks every hop before it uses this; nothing else in the engine fetches.
      fetch: (input, init) => fetch(input, init),
    });
    this.sla = new SlaEngine({
      sql: ctx.storage.sql,
      tdb: () => this.tdb(),
      snapshotAt,
      broadcast: (message, tags) => this.broadcast(message, tags),
      emit: (tenantId, timer, firing, policy) =>
        this.slaEvent(timer, firing, policy?.[firing.kind === "breach" ? "onBreach" : "onWarning"] ?? []),
    });
    this.approvals = new ApprovalDesk({
      sql: ctx.storage.sql,
      tdb: () => this.tdb(),
      snapshotAt,
      broadcast: (message, tags) => this.broadcast(message, tags),
      decided: (tenantId, event, config, decision) =>
        this.approvalDecided(event, config?.[decision === "approved" ? "onApprove" : "onReject"] ?? [], decision),
    });
    this.jobs = new JobDesk({
      sql: ctx.storage.sql,
      env,
      tdb: () => this.tdb(),
      broadcast: (message) => this.broadcast(message),
    });
    this.notifier = new Notifier({
      sql: ctx.storage.sql,
      tdb: () => this.tdb(),
      snapshotAt,
      broadcast: (message, tags) => this.broadcast(message, tags),
    });
    this.presence = new Presence({
      ctx,
      tdb: () => this.tdb(),
      snapshot: async (tenantId) => {
        const head = await this.current();
        return { version: head.version, snapshot: await snapshotAt(tenantId, head.version) };
      },
      nameOf: (tenantId, userId) => this.notifier.memberName(tenantId, userId),
    });
    void ctx.blockConcurrencyWhile(async () => {
      migrateStorage(ctx.storage.sql);
      this.ownName = tenantOf(ctx.id, ctx.storage.sql);
      this.automations.recover(Date.now());
    });
  }

  /** The tenant this object serves: its own name (see `tenantOf`). */
  private get tenantId(): string {
    if (this.ownName === undefined) throw new Error(`tenant object ${this.ctx.id.toString()} does not know its tenant`);
    return this.ownName;
  }

  /** The current version. After a wake it is read from D1, which is never behind us. */
  async current(): Promise<Head> {
    await this.placed();
    this.head ??= await readHead(this.tdb());
    return this.head;
  }

  publish(req: PublishRequest): Promise<PublishReply> {
    return this.exclusive(async (head, current) =>
      publishDrafts(this.tdb(), head, current, { ...req, ...this.publishPolicy() }),
    );
  }

  /** A config bundle published as one version, in the same queue as every other publish. */
  importBundle(req: BundleRequest): Promise<PublishReply> {
    return this.exclusive(async (head, current) =>
      publishBundle(this.tdb(), head, current, { ...req, ...this.publishPolicy() }),
    );
  }

  rollback(req: RollbackRequest): Promise<PublishReply> {
    return this.exclusive(async (head, current) => {
      const target = await loadVersion(this.env, this.tenantId, req.version);
      if (!target || req.version > head.version) {
        return {
          ok: false,
          refusal: { status: 404, code: "not_found", message: `There is no version ${req.version}` },
        };
      }
      return rollbackTo(this.tdb(), { head, current, target: target.snapshot }, { ...req, ...this.publishPolicy() });
    });
  }

  // ── publishing ──────────────────────────────────────────────────────────────────────────

  /** What this deployment lets a publish contain: egress allow-list, size and count limits. */
  private publishPolicy() {
    return { egressAllow: parseAllowList(this.env.EGRESS_ALLOW_HOSTS), limits: limitsOf(this.env) };
  }

  /** Runs one publish at a time: the next starts only when the previous has finished. */
  private exclusive(build: (head: Head, current: Snapshot) => Promise<Outcome>): Promise<PublishReply> {
    const run = this.queue.then(() => this.commitNext(build));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNext(build: (head: Head, current: Snapshot) => Promise<Outcome>): Promise<PublishReply> {
    const head = await this.current();
    const current = head.version > 0 ? (await loadVersion(this.env, this.tenantId, head.version))?.snapshot : {};
    if (!current) throw new Error(`version ${head.version} of ${this.tenantId} is missing from D1`);
    const outcome = await build(head, current);
    if (!outcome.ok) {
      if (outcome.refusal.code === "version_conflict") this.head = undefined; // re-read D1 next time
      return outcome;
    }
    const { version, hash, items } = outcome.result;
    // KV first: nothing may point at a version readers cannot load.
    await storeVersion(this.env, this.tenantId, { version, hash, snapshot: outcome.snapshot });
    this.head = { version, hash };
    this.broadcast({
      type: "config.published",
      version,
      hash,
      items: items.map(({ namespace, entity, key }) => ({ namespace, entity, key })),
    });
    this.automations.syncSchedules(outcome.snapshot, Date.now());
    await this.queueRecomputes(current, outcome.snapshot);
    await this.rearm();
    // Not awaited: building an index over many records must not hold the publish response.
    ensureViewIndexes(shardDatabase(this.env, this.placement!.shard), outcome.snapshot).catch((error) =>
      console.warn("index build failed", error),
    );
    return { ok: true, result: outcome.result };
  }

  /** A publish that changed computed fields recomputes the entity's records in background chunks. */
  private async queueRecomputes(before: Snapshot, after: Snapshot): Promise<void> {
    for (const entity of entitiesToRecompute(before, after)) {
      const tdb = this.tdb();
      const [row] = await tdb.db.values<[number]>(
        sql`SELECT count(*) FROM records WHERE tenant_id = ${tdb.tenantId} AND entity = ${entity}
          AND deleted_at IS NULL`,
      );
      const total = row?.[0] ?? 0;
      if (total > 0) this.jobs.createRecompute({ id: newId("job"), entity, total, now: Date.now() });
    }
  }

  // ── the outbox ──────────────────────────────────────────────────────────────────────────

  /**
   * Processes the tenant's unprocessed events in order: broadcast, then queue automation runs.
   * Called after each committed write, and by the sweeps that catch lost notifications. A call
   * during a drain makes the drain look again before it ends.
   */
  /** Drains the outbox; answers the run backlog, so writers can back off when it is full. */
  async drainEvents(): Promise<{ queuedRuns: number }> {
    // Frozen (moving shards): events wait on the old shard, copied with it; drained after the switch.
    if ((await this.placed()).frozen) return { queuedRuns: this.queuedRuns() };
    this.drainRequested = true;
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    await this.draining;
    return { queuedRuns: this.queuedRuns() };
  }

  private async drain(): Promise<void> {
    const tdb = this.tdb();
    const shard = this.placement!.shard;
    while (this.drainRequested) {
      this.drainRequested = false;
      for (;;) {
        // One D1 round trip per batch: the read carries the mark of what the last batch drained.
        const batch = await nextEvents(tdb, this.unmarked(shard));
        this.markDue = undefined;
        if (batch.length === 0) break;
        const head = await this.current();
        const snapshot = (await loadVersion(this.env, this.tenantId, head.version))?.snapshot ?? {};
        const dirty: DirtyParents = new Map();
        for (const event of batch) {
          markDirty(dirty, event, snapshot);
          const out = recordMessage(event, snapshot);
          if (out) this.broadcast(out.message, out.tags);
          const kind = RECORD_EVENT_KINDS[event.type];
          if (kind) await this.sla.onRecordEvent(this.tenantId, event, kind, Date.now());
          // A request it opens is an event of its own, committed after this batch's read.
          if (await this.approvals.onEvent(this.tenantId, event)) this.drainRequested = true;
          // Telling people must not hold up the tenant's events: a failure is logged, not retried.
          await this.notifier
            .onEvent(this.tenantId, event, snapshot)
            .catch((error) => console.warn("notifications failed", this.tenantId, event.seq, error));
          await this.queueRuns(event, head.version);
        }
        this.setUnmarked({ shard, seq: batch.at(-1)!.seq });
        // Roll-ups of the parents this batch touched, once each, from SQL over their children.
        // Their writes are new events, drained by the next round of this loop.
        if (dirty.size > 0) {
          await recomputeDirty(tdb, snapshot, head.version, dirty, Date.now()).catch((error) =>
            console.warn("roll-up recompute failed", this.tenantId, error),
          );
          this.drainRequested = true;
        }
        // A short batch held every event committed before its read; a write committed since
        // nudged this drain (drainRequested), so the loop reads again only then.
        if (batch.length < EVENT_BATCH) break;
      }
    }
    await this.rearm();
  }

  /**
   * The mark of the last drained batch, kept in the object's storage (written in the same
   * transaction as the batch's timers, approvals and queued runs) until the shard has it: it goes
   * with the next read, or with the alarm's drain `MARK_DELAY_MS` later. Only for the shard it was
   * drained on.
   */
  private unmarked(shard: string): number | undefined {
    this.mark ??= parseMark(readMeta(this.ctx.storage.sql, "outbox:unmarked"));
    return this.mark && this.mark.shard === shard ? this.mark.seq : undefined;
  }

  private setUnmarked(mark: DrainMark | null): void {
    this.mark = mark;
    writeMeta(this.ctx.storage.sql, "outbox:unmarked", mark ? JSON.stringify(mark) : "");
    this.markDue = mark ? Date.now() + MARK_DELAY_MS : undefined;
  }

  /** Record events start automations of the config version that was current when they happened. */
  private async queueRuns(event: OutboxEvent, currentVersion: number): Promise<boolean> {
    const kind = RECORD_EVENT_KINDS[event.type];
    if (!kind || !event.entity) return false;
    const record = (event.after as Record<string, unknown> | null) ?? null;
    const previous = (event.before as Record<string, unknown> | null) ?? null;
    const ids = await this.automations.onEvent(
      this.tenantId,
      { kind, entity: event.entity, record, previous },
      {
        key: `event:${event.seq}`,
        configVersion: event.configVersion ?? currentVersion,
        depth: event.depth,
        now: Date.now(),
        payload: { record: record ?? previous, previous, actorId: event.actorId, trigger: { kind } },
      },
    );
    return ids.length > 0;
  }

  // ── automations ─────────────────────────────────────────────────────────────────────────

  /** A signed webhook call (verified by the Worker) starts the automations of its trigger. */
  async webhook(entity: string, triggerKey: string, body: unknown, deliveryId: string): Promise<string[]> {
    const head = await this.current();
    const ids = await this.automations.onEvent(
      this.tenantId,
      { kind: "webhook", entity, triggerKey, body },
      {
        key: `webhook:${deliveryId}`,
        configVersion: head.version,
        depth: 0,
        now: Date.now(),
        payload: { trigger: { kind: "webhook", body } },
      },
    );
    await this.rearm();
    return ids;
  }

  /** An SLA warning or breach starts matching automations and the policy's own actions, once. */
  private async slaEvent(
    timer: StoredTimer,
    firing: { kind: "warning" | "breach"; percent?: number },
    actions: string[],
  ): Promise<void> {
    const kind = firing.kind === "breach" ? "sla.breached" : "sla.warning";
    const meta = {
      key: `sla:${timer.id}:${firing.kind}${firing.percent ?? ""}`,
      configVersion: timer.configVersion,
      depth: 0,
      now: Date.now(),
      payload: { record: timer.record, trigger: { kind, policy: timer.policy, metric: timer.metric } },
    };
    await this.automations.onEvent(
      this.tenantId,
      { kind, entity: timer.entity, record: timer.record, policy: timer.policy, metric: timer.metric },
      meta,
    );
    this.automations.enqueueActions(timer.entity, `sla:${timer.policy}:${kind}`, actions, meta);
    await this.notifier
      .onSla(this.tenantId, timer, firing)
      .catch((error) => console.warn("sla notifications failed", this.tenantId, timer.id, error)); // written by flush()
  }

  /** A decided approval starts approval.decided automations and its own onApprove/onReject actions. */
  private async approvalDecided(event: OutboxEvent, actions: string[], decision: string): Promise<void> {
    if (!event.entity || !event.recordId) return;
    const snapshot = (await loadVersion(this.env, this.tenantId, event.configVersion ?? 0))?.snapshot ?? {};
    const ctx = entityFromSnapshot(snapshot, event.configVersion ?? 0, event.entity);
    const row = ctx
      ? await getRecordRow(
          this.tdb(),
          ctx,
          automationActor(this.tenantId, { entity: event.entity, automation: "approvals" }),
          event.recordId,
        ).catch(() => undefined)
      : undefined;
    const record = row ? snapshotOf(row) : { id: event.recordId };
    const approval = (event.after as { approval: string }).approval;
    const meta = {
      key: `approval:${event.seq}`,
      configVersion: event.configVersion ?? 0,
      depth: event.depth,
      now: Date.now(),
      payload: { record, actorId: event.actorId, trigger: { kind: "approval.decided", approval, decision } },
    };
    await this.automations.onEvent(
      this.tenantId,
      { kind: "approval.decided", entity: event.entity, record, approval, decision },
      meta,
    );
    this.automations.enqueueActions(event.entity, `approval:${approval}:${decision}`, actions, meta);
  }

  /** The SLA timers of records, as the API shows them. */
  async slaTimers(recordIds: string[]): Promise<SlaTimerView[]> {
    await this.placed();
    return this.sla.timers(recordIds).map(presentTimer);
  }

  async slaCounts() {
    return this.sla.counts();
  }

  async runs(filter: RunFilter): Promise<RunView[]> {
    return this.automations.listRuns(filter).map(({ payload: _payload, ...run }) => run);
  }

  // ── jobs ────────────────────────────────────────────────────────────────────────────────

  async startJob(job: NewJob): Promise<JobSnapshot> {
    await this.placed();
    const created = this.jobs.create(job);
    await this.rearm();
    return created;
  }

  async listJobs(limit: number): Promise<JobSnapshot[]> {
    return this.jobs.list(limit);
  }

  async getJob(id: string): Promise<JobSnapshot | null> {
    return this.jobs.get(id) ?? null;
  }

  async cancelJob(id: string): Promise<JobSnapshot | null> {
    await this.placed();
    return this.jobs.cancel(id, Date.now()) ?? null;
  }

  // ── the clock ───────────────────────────────────────────────────────────────────────────

  override async alarm(): Promise<void> {
    if (this.ownName === undefined) return; // never addressed by name: nothing of a tenant's to do
    const tenantId = this.tenantId;
    if ((await this.placed()).frozen) {
      // Being moved: nothing may be written to the old shard now. Look again shortly.
      await this.ctx.storage.setAlarm(Date.now() + 5_000);
      return;
    }
    // Runs write records, whose events may start more runs: go round until nothing is due
    // (bounded; whatever is left re-arms the alarm).
    const started = Date.now();
    const until = started + BACKGROUND_SLICE_MS;
    let ran = 0;
    for (let round = 0; round < 20 && ran < RUNS_PER_WAKE && (round === 0 || Date.now() < until); round++) {
      await this.drainEvents();
      const head = await this.current();
      await this.automations.fireSchedules(tenantId, head.version, Date.now());
      await this.sla.fireDue(tenantId, Date.now());
      await this.notifier.flush(tenantId).catch((error) => console.warn("sla notifications failed", tenantId, error));
      await this.approvals.escalateDue(tenantId, Date.now());
      await this.notifier.fireReminders(tenantId, Date.now());
      const executed = await this.automations.runDue(tenantId, undefined, RUNS_PER_WAKE - ran, until);
      ran += executed;
      if (executed === 0) break;
    }
    this.automations.prune();
    // One chunk of an import job per wake: the object answers other calls between chunks.
    const chunked = await this.jobs.runSlice(tenantId, Date.now());
    // What the last runs and chunk wrote is drained now, so the runs it starts are due for the next wake.
    if (ran > 0 || chunked) await this.drainEvents();
    // Work left over waits as long as this wake worked (see BACKGROUND_SLICE_MS).
    const worked = Date.now() - started;
    await this.rearm(Date.now() + Math.min(worked, BACKGROUND_SLICE_MS * 5));
  }

  /** Sets the single alarm to the earliest due item (not before `notBefore`), or clears it. */
  private async rearm(notBefore = Date.now() + 1): Promise<void> {
    const times = [
      this.automations.nextWake(),
      this.sla.nextWake(),
      this.approvals.nextWake(),
      this.jobs.nextWake(),
      this.notifier.nextWake(),
      this.markDue,
    ].filter((t): t is number => t !== undefined);
    const next = times.length ? Math.min(...times) : undefined;
    if (next === undefined) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(next, notBefore, Date.now() + 1));
  }

  private counter(name: string): number {
    const value = Number(readMeta(this.ctx.storage.sql, `counter:${name}`) ?? "0");
    writeMeta(this.ctx.storage.sql, `counter:${name}`, String(value + 1));
    return value;
  }

  // ── sockets ─────────────────────────────────────────────────────────────────────────────

  override async fetch(request: Request): Promise<Response> {
    return acceptSocket(this.ctx, request, {
      tenantId: this.tenantId,
      current: () => this.current(),
      caps: limitsOf(this.env),
    });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== "string") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return; // malformed messages are ignored, never fatal
    }
    const msg = ClientMessage.safeParse(parsed);
    if (!msg.success) return;
    if (msg.data.type === "ping") ws.send(PONG);
    if (msg.data.type === "presence") {
      const { entity, id } = msg.data;
      await this.placed();
      await this.presence.onMessage(ws, this.tenantId, entity && id ? { entity, id } : null);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.presence.onClose(ws);
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  /** Serializes once and sends the same text to every socket, or to those with any of `tags`. */
  broadcast(message: ServerMessage, tags?: string[]): number {
    return this.broadcaster.send(message, socketsFor(this.ctx, tags));
  }

  /** Ends a member's sockets (removed, deactivated or re-roled): they reconnect with a fresh
   *  token, or not at all. Tags and attachments are fixed at connect time, so this is the way. */
  disconnectUser(userId: string): number {
    return closeSockets(this.ctx, `user:${userId}`, "membership changed");
  }

  /** Ends the sockets one session opened (sign-out): the same way as for a removed member. */
  disconnectSession(sessionId: string): number {
    return closeSockets(this.ctx, `session:${sessionId}`, "signed out");
  }

  /** What this tenant holds right now, counted exactly (GET /api/admin/tenant). */
  usage(): { sockets: number; queuedRuns: number; runsThisMinute: number } {
    return {
      sockets: this.ctx.getWebSockets().length,
      queuedRuns: this.queuedRuns(),
      runsThisMinute: this.automations.runsThisMinute(),
    };
  }

  private queuedRuns(): number {
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM runs WHERE status = 'queued'").one().n;
  }

  /** The identities of connected sockets (for tests and diagnostics). */
  connections(): { userId: string; role: string }[] {
    return socketIdentities(this.ctx);
  }

  /**
   * The tenant's placement from the directory (cached like the Worker's, for seconds; a frozen one
   * is re-read every time). Every entry point that reaches D1 calls this first, so `tdb()` knows
   * the shard; work already running keeps the handle it started with.
   */
  private async placed(): Promise<Placement> {
    this.placement = await placementOf(this.env, this.tenantId);
    return this.placement;
  }

  /** The operator routes moved, froze or unfroze this tenant: look the directory up again now;
   *  after an unfreeze, drain what waited. */
  async placementChanged(): Promise<Placement> {
    // The old shard gets the last mark before its rows are copied; a new shard's seqs are its own.
    await this.draining;
    const unmarked = this.placement && this.unmarked(this.placement.shard);
    if (unmarked !== undefined && this.placement) await markProcessed(this.tdb(), unmarked);
    this.setUnmarked(null);
    forgetPlacement(this.tenantId);
    this.head = undefined;
    const placement = await this.placed();
    if (!placement.frozen) await this.drainEvents();
    return placement;
  }

  private tdb(): TenantDb {
    if (!this.placement) throw new Error(`tenant ${this.tenantId}: placement not looked up before reaching D1`);
    return TenantDb.onShard(this.env, this.tenantId, this.placement.shard);
  }
}

function presentTimer(t: Timer): SlaTimerView {
  const warnAt = t.warnAts.length ? Math.min(...t.warnAts) : null;
  return {
    recordId: t.recordId,
    policy: t.policy,
    metric: t.metric,
    state: t.state,
    startedAt: new Date(t.startedAt).toISOString(),
    dueAt: new Date(t.dueAt).toISOString(),
    ...(warnAt !== null ? { warnAt: new Date(warnAt).toISOString() } : {}),
    pausedMs: t.pausedMs,
    ...(t.completedAt !== null ? { completedAt: new Date(t.completedAt).toISOString() } : {}),
  };
}
