import { describe, expect, it } from "vitest";
import { Broadcaster } from "../../../worker/durable/sockets";
import type { ServerMessage } from "../../../worker/shared/protocol";

// Stand-ins for hibernating sockets: they record what they were sent (or refuse, when closed).
function sockets(n: number, closed: number[] = []) {
  return Array.from({ length: n }, (_, i) => {
    const got: string[] = [];
    const ws = {
      send: (text: string) => {
        if (closed.includes(i)) throw new Error("closed");
        got.push((JSON.parse(text) as { version: number }).version.toString());
      },
    };
    return { ws: ws as unknown as WebSocket, got };
  });
}
const published = (version: number) =>
  ({ type: "config.published", version, hash: `h${version}`, items: [] }) as ServerMessage;
const settled = async (b: Broadcaster) => {
  while (b.pending > 0) await new Promise((r) => setTimeout(r, 0));
};

describe("the tenant object's broadcaster", () => {
  it("sends a fan-out larger than a slice in slices, and every socket gets every message in order", async () => {
    const b = new Broadcaster(3);
    const all = sockets(7, [4]);
    expect(
      b.send(
        published(1),
        all.map((s) => s.ws),
      ),
    ).toBe(7);
    b.send(
      published(2),
      all.map((s) => s.ws),
    );
    b.send(
      published(3),
      all.slice(0, 2).map((s) => s.ws),
    );
    // Only the first slice went out before the object could answer anything else.
    expect(all.map((s) => s.got.length)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    await settled(b);
    expect(all.map((s) => s.got.join(","))).toEqual(["1,2,3", "1,2,3", "1,2", "1,2", "", "1,2", "1,2"]);
  });

  it("sends a small broadcast at once", () => {
    const b = new Broadcaster(500);
    const few = sockets(3);
    b.send(
      published(9),
      few.map((s) => s.ws),
    );
    expect(b.pending).toBe(0);
    expect(few.map((s) => s.got)).toEqual([["9"], ["9"], ["9"]]);
  });
});
