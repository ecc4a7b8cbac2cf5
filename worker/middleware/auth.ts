import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { createDb, type Db } from "../db/client";
import { TenantDb } from "../db/tenant-db";
import type { AppEnv, Principal } from "../lib/app-env";
import { forbidden, unauthenticated } from "../lib/errors";
import { roleAtLeast, type Role } from "../shared/roles";
import { resolvePrincipal } from "../services/auth/sessions";
import { verifyToken } from "../services/auth/tokens";
import { enterTenantGate } from "../services/limits/gate";
import { takeRequestShare } from "../services/limits/shares";
import { refuseAfterPause } from "../services/limits/tarpit";
import { isApiKey, resolveKeyPrincipal } from "../services/auth/api-keys";
import { placementOf } from "../services/tenancy/directory";
import { assertWritable, BOOKMARK_HEADER, isWrite } from "./bookmark";
import { noteClientVersion } from "../services/config/current";

/** Optional request header: the config version the client last learned (e.g. on its socket). */
export const CONFIG_VERSION_HEADER = "x-config-version";

/** The bearer token of a request: the Authorization header, or for WebSocket upgrades the
 *  `token` query parameter or a `bearer.<jwt>` subprotocol (browsers cannot set headers there). */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim();
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") return undefined;
  const query = new URL(req.url).searchParams.get("token");
  if (query) return query;
  const protocols =
    req.headers
      .get("sec-websocket-protocol")
      ?.split(",")
      .map((p) => p.trim()) ?? [];
  return protocols.find((p) => p.startsWith("bearer."))?.slice(7);
}

/** Verifies the token and its session; the tenant comes from the token and nowhere else. */
export function authenticate() {
  return createMiddleware<AppEnv>(async function authenticate(c, next) {
    const token = bearerToken(c.req.raw);
    if (!token) throw unauthenticated();
    const db = createDb(c.env.DB);
    const principal = isApiKey(token) ? await keyPrincipal(c, db, token) : await sessionPrincipal(c, db, token);
    try {
      takeRequestShare(c.env, principal, c.req.method); // fair shares (services/limits): 429 past them
    } catch (error) {
      await refuseAfterPause(c.env, principal.tenantId, error); // a flood asks once a pause (tarpit.ts)
    }
    c.set("principal", principal);
    // The version the client's socket announced: newer than what this isolate knows → ask again.
    const seen = c.req.header(CONFIG_VERSION_HEADER);
    if (seen) noteClientVersion(principal.tenantId, Number(seen));
    // The tenant's shard, in a D1 session anchored at the client's bookmark (middleware/bookmark.ts).
    const placement = await placementOf(c.env, principal.tenantId);
    if (isWrite(c.req.method)) assertWritable(placement);
    const tdb = await TenantDb.open(
      c.env,
      principal.tenantId,
      { bookmark: c.req.header(BOOKMARK_HEADER), write: isWrite(c.req.method) },
      placement,
    );
    tdb.via = principal.via?.name;
    c.set("tdb", tdb);
    // One tenant's burst waits behind itself, not in front of other tenants (services/limits/gate).
    const leave = await enterTenantGate(c.env, principal.tenantId).catch((error) =>
      refuseAfterPause(c.env, principal.tenantId, error),
    );
    try {
      await next();
    } finally {
      leave();
    }
  });
}

async function sessionPrincipal(c: Context<AppEnv>, db: Db, token: string): Promise<Principal> {
  const claims = await verifyToken(c.env, token);
  if (!claims) throw unauthenticated("Your session is invalid or has expired");
  const principal = await resolvePrincipal(db, claims, Date.now(), c.env);
  if (!principal) throw unauthenticated("Your session has ended; sign in again");
  return principal;
}

async function keyPrincipal(c: Context<AppEnv>, db: Db, token: string): Promise<Principal> {
  const principal = await resolveKeyPrincipal(db, token, { waitUntil: (p) => c.executionCtx.waitUntil(p) });
  if (!principal) throw unauthenticated("This API key is invalid, expired or revoked");
  return principal;
}

/** Allows `minimum` and every role above it. */
export function requireRole(minimum: Role) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    if (!roleAtLeast(c.var.principal.role, minimum)) throw forbidden();
    await next();
  });
}
