import { env } from "cloudflare:test";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api, freshIp, makeTenant, openSocket, PASSWORD } from "../helpers";

const key = (secret: string) => new TextEncoder().encode(secret);

async function forge(
  claims: { sub: string; tid: string; role: string; jti: string },
  opts: { secret?: string; exp?: number; iss?: string; aud?: string; iat?: number; nbf?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ tid: claims.tid, role: claims.role });
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuer(opts.iss ?? env.JWT_ISSUER)
    .setAudience(opts.aud ?? env.JWT_AUDIENCE)
    .setIssuedAt(opts.iat ?? now - 10)
    .setExpirationTime(opts.exp ?? now + 600)
    .sign(key(opts.secret ?? env.JWT_SECRET));
}

function claimsOf(token: string) {
  return JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as {
    sub: string;
    tid: string;
    role: string;
    jti: string;
  };
}

describe("register", () => {
  it("creates a tenant with the caller as admin and returns a working token", async () => {
    const res = await api("POST", "/auth/register", {
      body: { email: "Founder@Example.test", password: PASSWORD, name: "Founder", tenantName: "Globex Corp" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: { email: "founder@example.test", name: "Founder" },
      tenant: { name: "Globex Corp", slug: expect.stringMatching(/^globex-corp/) },
      role: "admin",
    });
    const me = await api("GET", "/auth/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: res.body.user, tenant: res.body.tenant, role: "admin" });
  });

  it("refuses a taken email with 409 duplicate", async () => {
    const first = await makeTenant();
    const res = await api("POST", "/auth/register", {
      body: { email: first.email, password: PASSWORD, name: "X", tenantName: "Other" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("duplicate");
  });

  it("rejects a short password with 422 and the field's path", async () => {
    const res = await api("POST", "/auth/register", {
      body: { email: "short@example.test", password: "123456789", name: "S", tenantName: "S" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: "password" }));
  });

  it("answers malformed JSON with 400 bad_request", async () => {
    const res = await api("POST", "/auth/register", {
      raw: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
  });
});

describe("login", () => {
  it("signs in with the right password", async () => {
    const t = await makeTenant();
    const res = await api("POST", "/auth/login", {
      body: { email: t.email, password: PASSWORD },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), role: "admin", tenant: { id: t.tenantId } });
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const t = await makeTenant();
    const wrong = await api("POST", "/auth/login", {
      body: { email: t.email, password: "wrong password!" },
      headers: { "cf-connecting-ip": freshIp() },
    });
    const unknown = await api("POST", "/auth/login", {
      body: { email: "nobody@example.test", password: PASSWORD },
      headers: { "cf-connecting-ip": freshIp() },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("slows one client on one account with 429 and a growing retry-after, without locking the account", async () => {
    const t = await makeTenant();
    const ip = freshIp();
    const login = (password: string, from = ip) =>
      api("POST", "/auth/login", { body: { email: t.email, password }, headers: { "cf-connecting-ip": from } });
    for (let i = 0; i < 5; i++) expect((await login("wrong password!")).status).toBe(401);
    const blocked = await login(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    // The owner, from their own address, is not affected.
    expect((await login(PASSWORD, freshIp())).status).toBe(200);
  }, 60_000);

  it("five wrong passwords from five addresses do not lock the owner out", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 5; i++) {
      const res = await api("POST", "/auth/login", {
        body: { email: t.email, password: "wrong password!" },
        headers: { "cf-connecting-ip": freshIp() },
      });
      expect(res.status).toBe(401);
    }
    expect(
      (
        await api("POST", "/auth/login", {
          body: { email: t.email, password: PASSWORD },
          headers: { "cf-connecting-ip": freshIp() },
        })
      ).status,
    ).toBe(200);
  }, 60_000);

  it("an account under attack from many addresses gives each address one guess; the owner still signs in", async () => {
    const t = await makeTenant();
    const attackers = Array.from({ length: 20 }, () => freshIp());
    for (const ip of attackers) {
      expect(
        (
          await api("POST", "/auth/login", {
            body: { email: t.email, password: "guess 1 guess 1" },
            headers: { "cf-connecting-ip": ip },
          })
        ).status,
      ).toBe(401);
    }
    // Each attacking address is now slowed after its first failure (it was five before the attack).
    const second = await api("POST", "/auth/login", {
      body: { email: t.email, password: "guess 2 guess 2" },
      headers: { "cf-connecting-ip": attackers[0]! },
    });
    expect(second.status).toBe(429);
    expect(
      (
        await api("POST", "/auth/login", {
          body: { email: t.email, password: PASSWORD },
          headers: { "cf-connecting-ip": freshIp() },
        })
      ).status,
    ).toBe(200);
  }, 60_000);

  it("counts an IPv6 client by its /64", async () => {
    const t = await makeTenant();
    const hex = () => Math.floor(Math.random() * 65535).toString(16);
    const prefix = `2001:db8:${hex()}:${hex()}`;
    for (let i = 1; i <= 5; i++) {
      await api("POST", "/auth/login", {
        body: { email: t.email, password: "wrong password!" },
        headers: { "cf-connecting-ip": `${prefix}::${i}` },
      });
    }
    const sameBlock = await api("POST", "/auth/login", {
      body: { email: t.email, password: PASSWORD },
      headers: { "cf-connecting-ip": `${prefix}:1:2:3:99` },
    });
    expect(sameBlock.status).toBe(429);
  }, 60_000);

  it("rate limits repeated failures per IP across accounts", async () => {
    const ip = freshIp();
    for (let i = 0; i < 50; i++) {
      await api("POST", "/auth/login", {
        body: { email: `ghost${i}@example.test`, password: "wrong password!" },
        headers: { "cf-connecting-ip": ip },
      });
    }
    const t = await makeTenant();
    const blocked = await api("POST", "/auth/login", {
      body: { email: t.email, password: PASSWORD },
      headers: { "cf-connecting-ip": ip },
    });
    expect(blocked.status).toBe(429);
  }, 30_000);
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
    const payload = btoa(JSON.stringify({ ...claimsOf(t.token), role: "admin", tid: "ten_other" }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    expect((await api("GET", "/auth/me", { token: `${h}.${payload}.${s}` })).status).toBe(401);
  });

  it("refuses alg=none", async () => {
    const t = await makeTenant();
    const c = claimsOf(t.token);
    const token = new UnsecuredJWT({ tid: c.tid, role: c.role })
      .setSubject(c.sub)
      .setJti(c.jti)
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setExpirationTime("10m")
      .encode();
    expect((await api("GET", "/auth/me", { token })).status).toBe(401);
  });

  it("refuses a token issued, or valid from, further in the future than a minute of clock skew", async () => {
    const t = await makeTenant();
    const now = Math.floor(Date.now() / 1000);
    const claims = claimsOf(t.token);
    expect((await api("GET", "/auth/me", { token: await forge(claims, { iat: now + 30 }) })).status).toBe(200);
    expect(
      (await api("GET", "/auth/me", { token: await forge(claims, { iat: now + 365 * 86400, exp: now + 366 * 86400 }) }))
        .status,
    ).toBe(401);
    expect((await api("GET", "/auth/me", { token: await forge(claims, { iat: now + 600 }) })).status).toBe(401);
    expect((await api("GET", "/auth/me", { token: await forge(claims, { nbf: now + 600 }) })).status).toBe(401);
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

describe("logout", () => {
  it("closes that session's open sockets and no other session's", async () => {
    const t = await makeTenant();
    const other = await api("POST", "/auth/login", {
      body: { email: t.email, password: PASSWORD },
      headers: { "cf-connecting-ip": freshIp() },
    });
    const mine = await openSocket(t);
    const theirs = await openSocket({ ...t, token: other.body.token });
    await mine.next((m) => m.type === "hello");
    await theirs.next((m) => m.type === "hello");
    const closed = new Promise<number>((resolve) =>
      mine.ws.addEventListener("close", (e) => resolve((e as CloseEvent).code)),
    );
    let theirsClosed = false;
    theirs.ws.addEventListener("close", () => {
      theirsClosed = true;
    });
    expect((await api("POST", "/auth/logout", { token: t.token })).status).toBe(204);
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r("still open"), 2000))])).toBe(4001);
    expect(theirsClosed).toBe(false);
    expect((await api("GET", "/auth/me", { token: other.body.token })).status).toBe(200);
    theirs.close();
  });
});
