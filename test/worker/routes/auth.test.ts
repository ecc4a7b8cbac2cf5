import { env } from "cloudflare:test";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api, freshIp, makeTenant, PASSWORD } from "../helpers";

const key = (secret: string) => new TextEncoder().encode(secret);

async function forge(claims: { sub: string; tid: string; role: string; jti: string }, opts: { secret?: string; exp?: number; iss?: string; aud?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: claims.tid, role: claims.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuer(opts.iss ?? env.JWT_ISSUER)
    .setAudience(opts.aud ?? env.JWT_AUDIENCE)
    .setIssuedAt(now - 10)
    .setExpirationTime(opts.exp ?? now + 600)
    .sign(key(opts.secret ?? env.JWT_SECRET));
}

function claimsOf(token: string) {
  return JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { sub: string; tid: string; role: string; jti: string };
}

describe("register", () => {
  it("creates a tenant with the caller as admin and returns a working token", async () => {
    const res = await api("POST", "/auth/register", {
      body: { email: "Founder@Example.test", password: PASSWORD, name: "Founder", tenantName: "Globex Corp" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ user: { email: "founder@example.test", name: "Founder" }, tenant: { name: "Globex Corp", slug: expect.stringMatching(/^globex-corp/) }, role: "admin" });
    const me = await api("GET", "/auth/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: res.body.user, tenant: res.body.tenant, role: "admin" });
  });

  it("refuses a taken email with 409 duplicate", async () => {
    const first = await makeTenant();
    const res = await api("POST", "/auth/register", { body: { email: first.email, password: PASSWORD, name: "X", tenantName: "Other" }, headers: { "cf-connecting-ip": freshIp() } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("duplicate");
  });

  it("rejects a short password with 422 and the field's path", async () => {
    const res = await api("POST", "/auth/register", { body: { email: "short@example.test", password: "123456789", name: "S", tenantName: "S" }, headers: { "cf-connecting-ip": freshIp() } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: "password" }));
  });

  it("answers malformed JSON with 400 bad_request", async () => {
    const res = await api("POST", "/auth/register", { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
  });
});

describe("login", () => {
  it("signs in with the right password", async () => {
    const t = await makeTenant();
    const res = await api("POST", "/auth/login", { body: { email: t.email, password: PASSWORD }, headers: { "cf-connecting-ip": freshIp() } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), role: "admin", tenant: { id: t.tenantId } });
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const t = await makeTenant();
    const wrong = await api("POST", "/auth/login", { body: { email: t.email, password: "wrong password!" }, headers: { "cf-connecting-ip": freshIp() } });
    const unknown = await api("POST", "/auth/login", { body: { email: "nobody@example.test", password: PASSWORD }, headers: { "cf-connecting-ip": freshIp() } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("rate limits repeated failures per account with 429 and retry-after", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 5; i++) {
      const res = await api("POST", "/auth/login", { body: { email: t.email, password: "wrong password!" }, headers: { "cf-connecting-ip": freshIp() } });
      expect(res.status).toBe(401);
    }
    const blocked = await api("POST", "/auth/login", { body: { email: t.email, password: PASSWORD }, headers: { "cf-connecting-ip": freshIp() } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("rate limits repeated failures per IP across accounts", async () => {
    const ip = freshIp();
    for (let i = 0; i < 50; i++) {
      await api("POST", "/auth/login", { body: { email: `ghost${i}@example.test`, password: "wrong password!" }, headers: { "cf-connecting-ip": ip } });
    }
    const t = await makeTenant();
    const blocked = await api("POST", "/auth/login", { body: { email: t.email, password: PASSWORD }, headers: { "cf-connecting-ip": ip } });
    expect(blocked.status).toBe(429);
  });
});

describe("tokens", () => {
  it("refuses a missing token", async () => {
    const res = await api("GET", "/auth/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("refuses an expired token", async () => {
    const t = await makeTenant();
    const token = await forge(claimsOf(t.token), { exp: Math.floor(Date.now() / 1000) - 5 });
    expect((await api("GET", "/auth/me", { token })).status).toBe(401);
  });

  it("refuses a tampered token (role raised in the payload)", async () => {
    const t = await makeTenant();
    const [h, , s] = t.token.split(".");
    const payload = btoa(JSON.stringify({ ...claimsOf(t.token), role: "admin", tid: "ten_other" })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    expect((await api("GET", "/auth/me", { token: `${h}.${payload}.${s}` })).status).toBe(401);
  });

  it("refuses alg=none", async () => {
    const t = await makeTenant();
    const c = claimsOf(t.token);
    const token = new UnsecuredJWT({ tid: c.tid, role: c.role }).setSubject(c.sub).setJti(c.jti).setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE).setExpirationTime("10m").encode();
    expect((await api("GET", "/auth/me", { token })).status).toBe(401);
  });

  it("refuses a token signed with another secret", async () => {
    const t = await makeTenant();
    const token = await forge(claimsOf(t.token), { secret: "another-secret-that-is-long-enough-0000" });
    expect((await api("GET", "/auth/me", { token })).status).toBe(401);
  });

  it("refuses a token with another issuer or audience", async () => {
    const t = await makeTenant();
    expect((await api("GET", "/auth/me", { token: await forge(claimsOf(t.token), { iss: "evil" }) })).status).toBe(401);
    expect((await api("GET", "/auth/me", { token: await forge(claimsOf(t.token), { aud: "evil" }) })).status).toBe(401);
  });

  it("stops working after logout", async () => {
    const t = await makeTenant();
    expect((await api("POST", "/auth/logout", { token: t.token })).status).toBe(204);
    expect((await api("GET", "/auth/me", { token: t.token })).status).toBe(401);
  });
});
