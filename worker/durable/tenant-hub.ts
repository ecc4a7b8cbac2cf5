import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { createDb } from "../db/client";
import { TenantDb } from "../db/tenant-db";
import type { Snapshot } from "../shared/config/snapshot";
import { isRole } from "../shared/roles";
import { ClientMessage, PING, PONG, type ServerMessage } from "../shared/protocol";
import { loadVersion, storeVersion } from "../services/config/snapshot-store";
import { markProcessed, pendingEvents, recordMessage } from "../services/events/drain";
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

/** What a publish or rollback RPC answers: plain data, so it survives the RPC boundary. */
export type PublishReply = { ok: true; result: PublishResult } | { ok: false; refusal: Refusal };

/** Identity the Worker verified before forwarding a WebSocket upgrade. */
export const IDENTITY_HEADERS = { tenant: "x-pulse-tenant", user: "x-pulse-user", role: "x-pulse-role" } as const;

const Attachment = z.object({ userId: z.string(), role: z.string() });

/**
 * One per tenant. Serializes publishes (so versions go 1, 2, 3 … whatever the concurrency),
 * knows the current version, and holds the tenant's hibernating WebSockets.
 */
export class TenantHub extends DurableObject<Env> {
  private head: Head | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private drainRequested = false;
  private draining: Promise<void> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** The current version. After a wake it is read from D1, which is never behind us. */
  async current(tenantId: string): Promise<Head> {
    this.head ??= await readHead(this.tdb(tenantId));
    return this.head;
  }

  publish(tenantId: string, req: PublishRequest): Promise<PublishReply> {
    return this.exclusive(tenantId, async (head, current) => publishDrafts(this.tdb(tenantId), head, current, req));
  }

  rollback(tenantId: string, req: RollbackRequest): Promise<PublishReply> {
    return this.exclusive(tenantId, async (head, current) => {
      const target = await loadVersion(this.env, tenantId, req.version);
      if (!target || req.version > head.version) {
        return { ok: false, refusal: { status: 404, code: "not_found", message: `There is no version ${req.version}` } };
      }
      return rollbackTo(this.tdb(tenantId), head, current, target.snapshot, req);
    });
  }

  // ── publishing ──────────────────────────────────────────────────────────────────────────

  /** Runs one publish at a time: the next starts only when the previous has finished. */
  private exclusive(tenantId: string, build: (head: Head, current: Snapshot) => Promise<Outcome>): Promise<PublishReply> {
    const run = this.queue.then(() => this.commitNext(tenantId, build));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNext(tenantId: string, build: (head: Head, current: Snapshot) => Promise<Outcome>): Promise<PublishReply> {
    const head = await this.current(tenantId);
    const current = head.version > 0 ? (await loadVersion(this.env, tenantId, head.version))?.snapshot : {};
    if (!current) throw new Error(`version ${head.version} of ${tenantId} is missing from D1`);
    const outcome = await build(head, current);
    if (!outcome.ok) {
      if (outcome.refusal.code === "version_conflict") this.head = undefined; // re-read D1 next time
      return outcome;
    }
    const { version, hash, items } = outcome.result;
    // KV first: nothing may point at a version readers cannot load.
    await storeVersion(this.env, tenantId, { version, hash, snapshot: outcome.snapshot });
    this.head = { version, hash };
    this.broadcast({ type: "config.published", version, hash, items: items.map(({ namespace, entity, key }) => ({ namespace, entity, key })) });
    return { ok: true, result: outcome.result };
  }

  // ── the outbox ──────────────────────────────────────────────────────────────────────────

  /**
   * Processes the tenant's unprocessed events in order (broadcast now; automations and SLA
   * timers hook in here). Called after each committed write, and by the sweep that catches
   * lost notifications. A call during a drain makes the drain look again before it ends.
   */
  drainEvents(tenantId: string): Promise<void> {
    this.drainRequested = true;
    this.draining ??= this.drain(tenantId).finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drain(tenantId: string): Promise<void> {
    const tdb = this.tdb(tenantId);
    while (this.drainRequested) {
      this.drainRequested = false;
      for (let batch = await pendingEvents(tdb); batch.length > 0; batch = await pendingEvents(tdb)) {
        const head = await this.current(tenantId);
        const snapshot = (await loadVersion(this.env, tenantId, head.version))?.snapshot ?? {};
        for (const event of batch) {
          const out = recordMessage(event, snapshot);
          if (out) this.broadcast(out.message, out.tags);
        }
        await markProcessed(tdb, batch.map((e) => e.seq));
      }
    }
  }

  // ── sockets ─────────────────────────────────────────────────────────────────────────────

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const tenantId = request.headers.get(IDENTITY_HEADERS.tenant);
    const userId = request.headers.get(IDENTITY_HEADERS.user);
    const role = request.headers.get(IDENTITY_HEADERS.role);
    if (!tenantId || !userId || !isRole(role)) return new Response("Missing identity", { status: 400 });

    const { 0: client, 1: server } = new WebSocketPair();
    // Tags let later messages be addressed to one user or to everyone with a role.
    this.ctx.acceptWebSocket(server, [`user:${userId}`, `role:${role}`]);
    server.serializeAttachment({ userId, role });
    const head = await this.current(tenantId);
    server.send(JSON.stringify({ type: "hello", version: head.version, hash: head.hash } satisfies ServerMessage));
    return new Response(null, { status: 101, webSocket: client, headers: subprotocolHeader(request) });
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
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  /** Serializes once and sends the same text to every socket, or to those with any of `tags`. */
  broadcast(message: ServerMessage, tags?: string[]): number {
    const text = JSON.stringify(message);
    const sockets = tags ? new Set(tags.flatMap((t) => this.ctx.getWebSockets(t))) : this.ctx.getWebSockets();
    let sent = 0;
    for (const ws of sockets) {
      try {
        ws.send(text);
        sent++;
      } catch {
        // a socket closing under us is not the other sockets' problem
      }
    }
    return sent;
  }

  /** The identities of connected sockets (for tests and diagnostics). */
  connections(): { userId: string; role: string }[] {
    return this.ctx.getWebSockets().flatMap((ws) => {
      const a = Attachment.safeParse(ws.deserializeAttachment());
      return a.success ? [a.data] : [];
    });
  }

  private tdb(tenantId: string): TenantDb {
    return new TenantDb(createDb(this.env.DB), tenantId);
  }
}

// A browser that authenticated with the `bearer.<jwt>` subprotocol must get one protocol back.
function subprotocolHeader(request: Request): HeadersInit | undefined {
  const offered = request.headers.get("sec-websocket-protocol")?.split(",").map((p) => p.trim()) ?? [];
  if (offered.length === 0) return undefined;
  return { "sec-websocket-protocol": offered.includes("pulse-8") ? "pulse-8" : offered[0]! };
}
