// The realtime socket: one per signed-in tab. It reconnects with exponential back-off and
// jitter (every deploy drops all sockets), pings every 25 s, and resyncs the runtime config
// whenever the server announces a version we don't hold.
import { create } from "zustand";
import { me } from "../api/auth";
// The wire schemas are the tenant object's own (worker/shared/protocol.ts): written once, parsed here.
import { type ClientMessage, PING, ServerMessage } from "@shared/protocol";
import { syncConfig, useRuntimeConfigStore } from "./runtime-config";
import { invalidateFor } from "./server-state";

export type ConnectionStatus = "idle" | "connecting" | "live" | "reconnecting";

export const useConnectionStore = create<{ status: ConnectionStatus }>()(() => ({ status: "idle" }));

/** Unknown or malformed messages are ignored, never fatal. */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== "string") return null;
  try {
    const result = ServerMessage.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

// WebSocket.readyState values, spelled out so a test double needs no global.
const OPEN = 1;
const CLOSING = 2;

export interface Backoff {
  minDelayMs: number;
  maxDelayMs: number;
}

/** Exponential with "equal jitter": half the step is fixed, half random, so tabs spread out. */
export function backoffDelay(attempt: number, { minDelayMs, maxDelayMs }: Backoff, random = Math.random): number {
  const step = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return Math.round(step / 2 + (random() * step) / 2);
}

export interface ConnectionOptions extends Partial<Backoff> {
  url: () => string;
  onMessage: (message: ServerMessage) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** A socket opened (first time or after a drop): say again what the server should know. */
  onOpen?: () => void;
  /** A socket closed before it opened; `failures` counts them since the last good connection. */
  onConnectFailed?: (failures: number) => void;
  createSocket?: (url: string) => WebSocket;
  pingIntervalMs?: number;
  /** Drop a socket that has said nothing (not even pong) for this long. */
  staleAfterMs?: number;
  random?: () => number;
}

export interface Connection {
  /** Connect at once if not connected (tab visible again, back online). */
  reconnectNow(): void;
  /** Sent when open; dropped otherwise (onOpen re-sends state that matters). */
  send(message: ClientMessage): void;
  close(): void;
}

export function createConnection(options: ConnectionOptions): Connection {
  const {
    pingIntervalMs = 25_000,
    staleAfterMs = 2.5 * pingIntervalMs,
    random = Math.random,
    createSocket = (url: string) => new WebSocket(url),
  } = options;
  const backoff: Backoff = { minDelayMs: options.minDelayMs ?? 1_000, maxDelayMs: options.maxDelayMs ?? 30_000 };
  let socket: WebSocket | null = null;
  let attempt = 0;
  let failures = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastHeard = 0;

  const setStatus = (status: ConnectionStatus) => options.onStatus?.(status);

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    setStatus(attempt === 0 && failures === 0 ? "connecting" : "reconnecting");
    let opened = false;
    const ws = createSocket(options.url());
    socket = ws;
    ws.onopen = () => {
      if (ws !== socket) return;
      opened = true;
      failures = 0;
      lastHeard = Date.now();
      setStatus("live");
      pingTimer = setInterval(ping, pingIntervalMs);
      options.onOpen?.();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (ws !== socket) return;
      lastHeard = Date.now();
      attempt = 0; // the server talks to us: the next drop starts the back-off afresh
      const message = parseServerMessage(event.data);
      if (message) options.onMessage(message);
    };
    ws.onclose = () => {
      if (ws !== socket) return;
      if (!opened) options.onConnectFailed?.(++failures);
      drop();
    };
  }

  function ping() {
    if (!socket || socket.readyState !== OPEN) return;
    if (Date.now() - lastHeard > staleAfterMs) return drop();
    socket.send(PING);
  }

  // Forget the current socket and schedule the next attempt.
  function drop() {
    const ws = socket;
    socket = null;
    clearInterval(pingTimer);
    if (ws && ws.readyState < CLOSING) ws.close();
    if (closed) return;
    setStatus("reconnecting");
    retryTimer = setTimeout(connect, backoffDelay(attempt, backoff, random));
    attempt += 1;
  }

  connect();

  return {
    reconnectNow() {
      if (closed || socket) return;
      attempt = 0;
      connect();
    },
    send(message) {
      if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      const ws = socket;
      socket = null;
      ws?.close(1000, "bye");
      setStatus("idle");
    },
  };
}

export function realtimeUrl(location: Location = window.location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/realtime`;
}

/** The token travels as a subprotocol, so it never appears in URLs or request logs. */
export const socketProtocols = (token: string) => ["pulse-8", `bearer.${token}`];

type Listener = (message: ServerMessage) => void;
const listeners = new Set<Listener>();

/** Pages listen for record changes, SLA warnings and so on. */
export function subscribeRealtime(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function handleServerMessage(message: ServerMessage): void {
  if (message.type === "hello" || message.type === "config.published") {
    if (message.version !== useRuntimeConfigStore.getState().version) void syncConfig();
  }
  invalidateFor(message);
  for (const listener of listeners) listener(message);
}

// The record this tab has open, told to the server for presence, again after every reconnect.
let viewing: { entity: string; id: string } | null = null;
let live: Connection | null = null;

/** A record page opened (or, with null, left) a record. */
export function setViewing(target: { entity: string; id: string } | null): void {
  viewing = target;
  live?.send({ type: "presence", entity: target?.entity ?? null, id: target?.id ?? null });
}

/** Open the socket for a session; returns the function that closes it. */
export function startRealtime(token: string, createSocket?: (url: string) => WebSocket): () => void {
  const connection: Connection = createConnection({
    onOpen: () => {
      if (viewing) connection.send({ type: "presence", ...viewing });
    },
    url: () => realtimeUrl(),
    createSocket: createSocket ?? ((url) => new WebSocket(url, socketProtocols(token))),
    onMessage: handleServerMessage,
    onStatus: (status) => useConnectionStore.setState({ status }),
    // The upgrade is refused with 401 for a bad token, which a browser can't see: ask the API,
    // whose 401 ends the session.
    onConnectFailed: (failures) => {
      if (failures === 2) me().catch(() => undefined);
    },
  });
  const resync = () => {
    void syncConfig();
    connection.reconnectNow();
  };
  const onVisibility = () => {
    if (document.visibilityState === "visible") resync();
  };
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("online", resync);
  live = connection;
  return () => {
    if (live === connection) live = null;
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("online", resync);
    connection.close();
  };
}
