import { exports } from "cloudflare:workers";
import type { Role } from "../../worker/shared/roles";

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Reply = { status: number; body: Json; headers: Headers };

let ipCounter = 0;
/** A fresh client address, so per-IP throttles of one test don't leak into the next. */
export const freshIp = () => `10.${(++ipCounter >> 8) & 255}.${ipCounter & 255}.${Math.floor(Math.random() * 250)}`;

export async function api(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { "cf-connecting-ip": "192.0.2.1", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await exports.default.fetch(`http://pulse.test/api${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: Json = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
export const PASSWORD = "correct horse battery";

export type Session = { token: string; userId: string; tenantId: string; slug: string; email: string };

/** Registers a new tenant; the caller is its admin. */
export async function makeTenant(name = "Tenant"): Promise<Session> {
  const email = `admin-${unique()}@example.test`;
  const res = await api("POST", "/auth/register", {
    body: { email, password: PASSWORD, name: "Admin", tenantName: `${name} ${unique()}` },
    headers: { "cf-connecting-ip": freshIp() },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: res.body.token,
    userId: res.body.user.id,
    tenantId: res.body.tenant.id,
    slug: res.body.tenant.slug,
    email,
  };
}

/** Adds a member with `role` to the admin's tenant and signs them in. */
export async function makeMember(admin: Session, role: Role): Promise<Session> {
  const email = `${role}-${unique()}@example.test`;
  const added = await api("POST", "/admin/members", {
    token: admin.token,
    body: { email, name: `A ${role}`, password: PASSWORD, role },
  });
  if (added.status !== 201) throw new Error(`add member failed: ${added.status} ${JSON.stringify(added.body)}`);
  const login = await api("POST", "/auth/login", {
    body: { email, password: PASSWORD },
    headers: { "cf-connecting-ip": freshIp() },
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { token: login.body.token, userId: login.body.user.id, tenantId: admin.tenantId, slug: admin.slug, email };
}

export const draftPath = (ns: string, entity: string, key: string) => `/admin/config/${ns}/${entity}/${key}/draft`;

/** Saves a draft and publishes it; returns the publish reply. */
export async function publishConfig(
  admin: Session,
  items: { ns: string; entity: string; key: string; config: unknown }[],
  message = "test",
) {
  for (const item of items) {
    const res = await api("PUT", draftPath(item.ns, item.entity, item.key), {
      token: admin.token,
      body: { config: item.config },
    });
    if (res.status >= 300) throw new Error(`draft failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return api("POST", "/admin/config/publish", { token: admin.token, body: { message } });
}

/** Opens the realtime socket as `session` and collects what it receives. */
export async function openSocket(session: Session) {
  const res = await exports.default.fetch(`http://pulse.test/api/realtime?token=${session.token}`, {
    headers: { upgrade: "websocket" },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no socket: ${res.status} ${await res.text()}`);
  ws.accept();
  const messages: Json[] = [];
  const waiters: { pred: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];
  ws.addEventListener("message", (event) => {
    const msg = JSON.parse(String(event.data));
    messages.push(msg);
    for (const w of [...waiters])
      if (w.pred(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
  });
  function next(pred: (m: Json) => boolean, timeoutMs = 2000): Promise<Json> {
    const seen = messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no matching message")), timeoutMs);
      waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }
  return { ws, messages, next, close: () => ws.close(1000, "done") };
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 4000,
  what = "condition",
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The tenant's automation runs (admin). */
export async function runsOf(admin: Session, query = ""): Promise<Json[]> {
  return (await api("GET", `/admin/automation/runs?limit=200${query}`, { token: admin.token })).body.items;
}

/** The D1 database holding a tenant's data (its shard, from the directory), for tests that look at rows. */
export async function tenantD1(tenantId: string): Promise<D1Database> {
  const { env } = await import("cloudflare:test");
  const { placementOf } = await import("../../worker/services/tenancy/directory");
  const { shardDatabase } = await import("../../worker/services/tenancy/placement");
  return shardDatabase(env, (await placementOf(env, tenantId)).shard);
}

/** The tenant-scoped data-access layer of a tenant, on its shard. */
export async function tenantDbOf(tenantId: string) {
  const { env } = await import("cloudflare:test");
  const { TenantDb } = await import("../../worker/db/tenant-db");
  return TenantDb.open(env, tenantId, { write: true });
}

export const OPS = { authorization: "Bearer test-ops-token-0123456789" };

/** The shard a tenant's data is on (GET /api/admin/tenant). */
export async function shardOf(admin: Session): Promise<string> {
  const res = await api("GET", "/admin/tenant", { token: admin.token });
  if (res.status !== 200) throw new Error(`admin/tenant: ${res.status}`);
  return res.body.shard;
}

/** Moves a tenant to `shard` the way scripts/move-tenant.ts does (freeze, copy, switch, unfreeze, purge). */
export async function moveTenant(tenantId: string, shard: string): Promise<void> {
  const ok = (res: Reply, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const from = ok(await api("GET", `/ops/tenants/${tenantId}`, { headers: OPS }), "placement").body.shard;
  if (from === shard) return;
  ok(await api("POST", `/ops/tenants/${tenantId}/freeze`, { headers: OPS }), "freeze");
  const dump = ok(await api("GET", `/ops/tenants/${tenantId}/export`, { headers: OPS }), "export").body as string;
  ok(
    await api("POST", `/ops/tenants/${tenantId}/rows?shard=${shard}`, {
      headers: { ...OPS, "content-type": "application/x-ndjson" },
      raw: dump,
    }),
    "rows",
  );
  ok(await api("POST", `/ops/tenants/${tenantId}/switch`, { headers: OPS, body: { shard } }), "switch");
  ok(await api("POST", `/ops/tenants/${tenantId}/unfreeze`, { headers: OPS }), "unfreeze");
  while (
    ok(await api("DELETE", `/ops/tenants/${tenantId}/rows?shard=${from}`, { headers: OPS }), "purge").body.remaining > 0
  );
}

/** A new tenant whose data is on `shard` (placed there by the policy, or moved there). */
export async function makeTenantOn(shard: string, name = "Tenant"): Promise<Session> {
  const admin = await makeTenant(name);
  await moveTenant(admin.tenantId, shard);
  return admin;
}
