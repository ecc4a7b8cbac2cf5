import { z } from "zod";
import type { ServerMessage } from "../shared/protocol";
import { isRole } from "../shared/roles";

/** Identity the Worker verified before forwarding a WebSocket upgrade. */
export const IDENTITY_HEADERS = { tenant: "x-pulse-tenant", user: "x-pulse-user", role: "x-pulse-role", session: "x-pulse-session" } as const;

const Attachment = z.object({ userId: z.string(), role: z.string() });

/**
 * Accepts an upgrade the Worker authenticated, as a hibernating socket tagged by user and role
 * (so messages can be addressed), and says hello with the current version.
 */
export async function acceptSocket(ctx: DurableObjectState, request: Request, current: (tenantId: string) => Promise<{ version: number; hash: string }>, caps: SocketCaps): Promise<Response> {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response("Expected a WebSocket upgrade", { status: 426 });
  }
  const tenantId = request.headers.get(IDENTITY_HEADERS.tenant);
  const userId = request.headers.get(IDENTITY_HEADERS.user);
  const role = request.headers.get(IDENTITY_HEADERS.role);
  if (!tenantId || !userId || !isRole(role)) return new Response("Missing identity", { status: 400 });

  // Exact counts: every socket of the tenant is held right here.
  if (ctx.getWebSockets(`user:${userId}`).length >= caps.socketsPerUser) return overCap("socketsPerUser", caps.socketsPerUser);
  if (ctx.getWebSockets().length >= caps.socketsPerTenant) return overCap("socketsPerTenant", caps.socketsPerTenant);
  const sessionId = request.headers.get(IDENTITY_HEADERS.session);
  const { 0: client, 1: server } = new WebSocketPair();
  // Tagged by session too, so signing out ends exactly that session's sockets.
  ctx.acceptWebSocket(server, [`user:${userId}`, `role:${role}`, ...(sessionId ? [`session:${sessionId}`] : [])]);
  server.serializeAttachment({ userId, role });
  const head = await current(tenantId);
  server.send(JSON.stringify({ type: "hello", version: head.version, hash: head.hash } satisfies ServerMessage));
  return new Response(null, { status: 101, webSocket: client, headers: subprotocolHeader(request) });
}

export type SocketCaps = { socketsPerUser: number; socketsPerTenant: number };

function overCap(name: keyof SocketCaps, limit: number): Response {
  const body = { error: { code: "rate_limited", message: `Too many open connections (${name}: ${limit}); close a tab and try again`, details: [{ path: "", message: name, limit: name, max: limit }] } };
  return new Response(JSON.stringify(body), { status: 429, headers: { "content-type": "application/json", "retry-after": "30" } });
}

/** Serializes once and sends the same text to every socket, or to those with any of `tags`. */
export function broadcastTo(ctx: DurableObjectState, message: ServerMessage, tags?: string[]): number {
  const text = JSON.stringify(message);
  const sockets = tags ? new Set(tags.flatMap((t) => ctx.getWebSockets(t))) : ctx.getWebSockets();
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
  const offered = request.headers.get("sec-websocket-protocol")?.split(",").map((p) => p.trim()) ?? [];
  if (offered.length === 0) return undefined;
  return { "sec-websocket-protocol": offered.includes("pulse-8") ? "pulse-8" : offered[0]! };
}
