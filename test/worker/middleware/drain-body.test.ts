import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../worker/lib/app-env";
import { drainUnreadBody } from "../../../worker/middleware/drain-body";

// An app that refuses every POST without reading it, as authentication and the limits do.
const app = new Hono<AppEnv>()
  .use("*", drainUnreadBody())
  .post("/refuse", (c) => c.json({ error: "no" }, 401))
  .post("/read", async (c) => c.json(await c.req.json(), 200));

const post = (path: string, body: string) =>
  new Request(`http://pulse.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(body.length) },
    body,
  });

describe("a refused request's body", () => {
  it("is read before the answer, so the client's keep-alive connection stays usable", async () => {
    const refused = post("/refuse", JSON.stringify({ name: "x".repeat(5_000) }));
    expect((await app.fetch(refused)).status).toBe(401);
    expect(refused.bodyUsed).toBe(true);
  });

  it("is left unread when it is large: that connection closes instead", async () => {
    const big = post("/refuse", JSON.stringify({ name: "x".repeat(100_000) }));
    expect((await app.fetch(big)).status).toBe(401);
    expect(big.bodyUsed).toBe(false);
  });

  it("is not touched when the handler read it", async () => {
    const res = await app.fetch(post("/read", JSON.stringify({ name: "Ada" })));
    expect(await res.json()).toEqual({ name: "Ada" });
  });
});
