import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  parseServerMessage,
  startRealtime,
  subscribeRealtime,
  useConnectionStore,
} from "../../../web/src/state/realtime";
import { useRuntimeConfigStore } from "../../../web/src/state/runtime-config";
import { FakeWebSocket } from "../fake-websocket";
import { json, makeSnapshot, mockFetch, runtimeConfig, setConfig, signIn } from "../helpers";

const status = () => useConnectionStore.getState().status;
const flush = () => vi.advanceTimersByTimeAsync(0);

describe("realtime connection", () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    vi.useFakeTimers();
    signIn("agent");
  });

  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it("opens the socket with the token as a subprotocol (never in the URL) and shows when it is live", () => {
    stop = startRealtime("tok.en");
    const socket = FakeWebSocket.latest();
    expect(socket.url).toBe("ws://localhost:3000/api/realtime");
    expect(socket.protocols).toEqual(["pulse-8", "bearer.tok.en"]);
    expect(status()).toBe("connecting");
    socket.serverOpen();
    expect(status()).toBe("live");
  });

  it("fetches the config when hello announces another version, and not when it is the same", async () => {
    setConfig(makeSnapshot(), 2);
    const fetch = mockFetch(() => json(200, runtimeConfig(3)));
    stop = startRealtime("t");
    const socket = FakeWebSocket.latest();
    socket.serverOpen();

    socket.serverSend({ type: "hello", version: 2, hash: "h2" });
    await flush();
    expect(fetch).not.toHaveBeenCalled();

    socket.serverSend({ type: "config.published", version: 3, hash: "h3", items: [] });
    await flush();
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/runtime/config?sinceVersion=2");
    expect(useRuntimeConfigStore.getState().version).toBe(3);
  });

  it("pings every 25 seconds", async () => {
    stop = startRealtime("t");
    const socket = FakeWebSocket.latest();
    socket.serverOpen();
    await vi.advanceTimersByTimeAsync(25_000);
    socket.serverSend({ type: "pong" });
    await vi.advanceTimersByTimeAsync(25_000);
    expect(socket.sent).toEqual([{ type: "ping" }, { type: "ping" }]);
  });

  it("reconnects with growing, jittered back-off after the socket drops", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1); // the longest delay of each step
    mockFetch(() => json(200, { user: {}, tenant: {}, role: "agent" }));
    stop = startRealtime("t");
    FakeWebSocket.latest().serverOpen();
    FakeWebSocket.latest().serverClose();
    expect(status()).toBe("reconnecting");

    await vi.advanceTimersByTimeAsync(999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWebSocket.instances).toHaveLength(2);

    FakeWebSocket.latest().serverClose(); // refused before opening
    await vi.advanceTimersByTimeAsync(1_999);
    expect(FakeWebSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWebSocket.instances).toHaveLength(3);

    FakeWebSocket.latest().serverOpen();
    expect(status()).toBe("live");
  });

  it("reconnects at once when the tab becomes visible again", async () => {
    mockFetch(() => new Response(null, { status: 304 }));
    setConfig(makeSnapshot(), 1);
    stop = startRealtime("t");
    FakeWebSocket.latest().serverOpen();
    FakeWebSocket.latest().serverClose();
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it("ignores unknown or malformed messages and hands the rest to listeners", () => {
    const heard = vi.fn();
    const unsubscribe = subscribeRealtime(heard);
    stop = startRealtime("t");
    const socket = FakeWebSocket.latest();
    socket.serverOpen();
    socket.serverSend("not json");
    socket.serverSend({ type: "mystery" });
    socket.serverSend({ type: "record.changed", entity: "deals", id: "r1", op: "updated", version: 2 });
    expect(heard).toHaveBeenCalledOnce();
    expect(heard).toHaveBeenCalledWith({
      type: "record.changed",
      entity: "deals",
      id: "r1",
      op: "updated",
      version: 2,
    });
    unsubscribe();
  });

  it("closing stops reconnecting", async () => {
    stop = startRealtime("t");
    FakeWebSocket.latest().serverOpen();
    stop();
    stop = undefined;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(status()).toBe("idle");
  });
});

describe("back-off", () => {
  it("doubles up to the cap, with jitter in the upper half", () => {
    const backoff = { minDelayMs: 1_000, maxDelayMs: 30_000 };
    expect(backoffDelay(0, backoff, () => 0)).toBe(500);
    expect(backoffDelay(0, backoff, () => 1)).toBe(1_000);
    expect(backoffDelay(3, backoff, () => 1)).toBe(8_000);
    expect(backoffDelay(10, backoff, () => 1)).toBe(30_000);
    expect(backoffDelay(10, backoff, () => 0)).toBe(15_000);
  });

  it("parses only well-formed server messages", () => {
    expect(parseServerMessage(JSON.stringify({ type: "hello", version: 1, hash: "x" }))).toEqual({
      type: "hello",
      version: 1,
      hash: "x",
    });
    expect(parseServerMessage(JSON.stringify({ type: "hello", version: "1" }))).toBeNull();
    expect(parseServerMessage("{")).toBeNull();
  });
});
