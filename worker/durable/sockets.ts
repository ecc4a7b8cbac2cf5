import { z } from "zod";
import type { ServerMessage } from "../shared/protocol";
import { isRole } from "../shared/roles";

/** Identity the Worker verified before forwarding a WebSocket upgrade. */
export const IDENTITY_HEADERS = {
  tenant: "x-pulse-tenant",
  user: "x-pulse-user",
  role: "x-pulse-role",
  session: "x-pulse-session",
} as const;

const Attachment = z.object({ userId: z.string(), role: z.string() });

/**
 * Accepts an upgrade the Worker authenticated, as a hibernating socket tagged by user and role
 * (so messages can be addressed), and says hello with the current version.
 */
export async function acceptSocket(ctx: DurableObjectState, request: Request, host: SocketHost): Promise<Response> {
  const { caps } = host;
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response("Expected a WebSocket upgrade", { status: 426 });
  }
  const tenantId = request.headers.get(IDENTITY_HEADERS.tenant);
  const userId = request.headers.get(IDENTITY_HEADERS.user);
  const role = request.headers.get(IDENTITY_HEADERS.role);
  if (!tenantId || !userId || !isRole(role)) return new Response("Missing identity", { status: 400 });
  if (tenantId !== host.tenantId) return new Response("Wrong tenant", { status: 400 });

  // Exact counts: every socket of the tenant is held right here.
  if (ctx.getWebSockets(`user:${userId}`).length >= caps.socketsPerUser)
    return overCap("socketsPerUser", caps.socketsPerUser);
  if (ctx.getWebSockets().length >= caps.socketsPerTenant) return overCap("socketsPerTenant", caps.socketsPerTenant);
  const sessionId = request.headers.get(IDENTITY_HEADERS.session);
  const { 0: client, 1: server } = new WebSocketPair();
  // Tagged by session too, so signing out ends exactly that session's sockets.
  ctx.acceptWebSocket(server, [`user:${userId}`, `role:${role}`, ...(sessionId ? [`session:${sessionId}`] : [])]);
  server.serializeAttachment({ userId, role });
  const head = await host.current();
  server.send(JSON.stringify({ type: "hello", version: head.version, hash: head.hash } satisfies ServerMessage));
  return new Response(null, { status: 101, webSocket: client, headers: subprotocolHeader(request) });
}

export type SocketCaps = { socketsPerUser: number; socketsPerTenant: number };

/** What the object tells `acceptSocket`: whose it is, its current version, its caps. */
export type SocketHost = {
  tenantId: string;
  current: () => Promise<{ version: number; hash: string }>;
  caps: SocketCaps;
};

function overCap(name: keyof SocketCaps, limit: number): Response {
  const body = {
    error: {
      code: "rate_limited",
      message: `Too many open connections (${name}: ${limit}); close a tab and try again`,
      details: [{ path: "", message: name, limit: name, max: limit }],
    },
  };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": "30" },
  });
}

/** Sockets one broadcast slice sends to before the object yields to other requests. */
export const BROADCAST_SLICE = 100;

/**
 * The tenant object's outgoing fan-out. A message is serialized once; up to `slice` sockets get
 * it at once, and a larger fan-out (thousands of sockets, or a burst of messages) goes out in
 * slices with a macrotask between them, so the object keeps answering requests meanwhile. Every
 * socket still gets the messages in the order they were broadcast: while a fan-out is under way,
 * later ones queue behind it.
 */
export class Broadcaster {
  private readonly queue: { text: string; sockets: WebSocket[]; next: number }[] = [];
  private draining = false;

  constructor(private readonly slice = BROADCAST_SLICE) {}

  /** Queues `message` for `sockets`; returns how many sockets it is for. */
  send(message: ServerMessage, sockets: WebSocket[]): number {
    if (sockets.length === 0) return 0;
    this.queue.push({ text: JSON.stringify(message), sockets, next: 0 });
    if (!this.draining) this.drain();
    return sockets.length;
  }

  /** Messages still being sent (tests, diagnostics). */
  get pending(): number {
    return this.queue.length;
  }

  private drain(): void {
    this.draining = true;
    let budget = this.slice;
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      const end = Math.min(head.sockets.length, head.next + budget);
      for (let i = head.next; i < end; i++) {
        try {
          head.sockets[i]!.send(head.text);
        } catch {
          // a socket closing under us is not the other sockets' problem
        }
      }
      budget -= end - head.next;
      head.next = end;
      if (head.next === head.sockets.length) this.queue.shift();
    }
    if (this.queue.length === 0) this.draining = false;
    else setTimeout(() => this.drain(), 0);
  }
}

/** The sockets a broadcast reaches: all of them, or those with any of `tags` (each once). */
export function socketsFor(ctx: DurableObjectState, tags?: string[]): WebSocket[] {
  return tags ? [...new Set(tags.flatMap((t) => ctx.getWebSockets(t)))] : ctx.getWebSockets();
}

/** Closes every socket with `tag` (code 4001: the client must not reconnect with this token). */
export function closeSockets(ctx: DurableObjectState, tag: string, reason: string): number {
  const sockets = ctx.getWebSockets(tag);
  for (const ws of sockets) {
    try {
      ws.close(4001, reason);
    } catch {
      // already closed
    }
  }
  return sockets.length;
}

export function socketIdentities(ctx: DurableObjectState): { userId: string; role: string }[] {
  return ctx.getWebSockets().flatMap((ws) => {
    const a = Attachment.safeParse(ws.deserializeAttachment());
    return a.success ? [a.data] : [];
  });
}

// A browser that authenticated with the `bearer.<jwt>` subprotocol must get one protocol back.
function subprotocolHeader(request: Request): HeadersInit | undefined {
  const offered =
    request.headers
      .get("sec-websocket-protocol")
      ?.split(",")
      .map((p) => p.trim()) ?? [];
  if (offered.length === 0) return undefined;
  return { "sec-websocket-protocol": offered.includes("pulse-8") ? "pulse-8" : offered[0]! };
}
