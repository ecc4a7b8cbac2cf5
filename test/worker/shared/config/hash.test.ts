import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../../../../worker/shared/config/hash";
import { starterSnapshot } from "../../../../worker/shared/config/starter";

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([2, 1])).toBe("[2,1]");
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson("x")).toBe('"x"');
  });
});

describe("contentHash", () => {
  it("is hex SHA-256 of the canonical JSON", async () => {
    // sha256("{}")
    expect(await contentHash({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });

  it("is stable under key order and changes with content", async () => {
    const a = await contentHash({ x: 1, y: { p: true, q: [1, 2] } });
    const b = await contentHash({ y: { q: [1, 2], p: true }, x: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await contentHash({ x: 1, y: { p: true, q: [2, 1] } })).not.toBe(a);
    expect(await contentHash(starterSnapshot())).toBe(await contentHash(starterSnapshot()));
  });
});
