import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signToken, TOKEN_TTL_SECONDS, verifyToken } from "../../../../worker/services/auth/tokens";

// verifyToken keeps the claims of a verified token for the isolate; these are the answers that
// must not change because of it.
const claims = { userId: "usr_t1", tenantId: "ten_t1", role: "agent" as const, sessionId: "ses_t1" };

describe("verifyToken, verified once per isolate", () => {
  it("answers the same claims the second time, and refuses the token once it has expired", async () => {
    const now = Date.now();
    const token = await signToken(env, claims, now);
    expect(await verifyToken(env, token, now)).toEqual(claims);
    expect(await verifyToken(env, token, now + 1000)).toEqual(claims);
    expect(await verifyToken(env, token, now + TOKEN_TTL_SECONDS * 1000 + 1000)).toBeNull();
  });

  it("does not accept a token verified under one secret once the secret is another", async () => {
    const now = Date.now();
    const token = await signToken(env, { ...claims, sessionId: "ses_t2" }, now);
    expect(await verifyToken(env, token, now)).not.toBeNull();
    expect(
      await verifyToken({ ...env, JWT_SECRET: "another-secret-of-at-least-32-characters!" }, token, now),
    ).toBeNull();
    expect(
      await verifyToken({ ...env, JWT_AUDIENCE: "someone-else" as typeof env.JWT_AUDIENCE }, token, now),
    ).toBeNull();
  });

  it("refuses a token from the future even when it was verified before at a later clock", async () => {
    const now = Date.now();
    const token = await signToken(env, { ...claims, sessionId: "ses_t3" }, now);
    expect(await verifyToken(env, token, now)).not.toBeNull();
    expect(await verifyToken(env, token, now - 10 * 60 * 1000)).toBeNull();
  });
});
