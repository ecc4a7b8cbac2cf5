import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { authThrottle } from "../../db/schema";
import { rateLimited } from "../../lib/errors";

// Sign-in throttling (the design, README "Security model"): exact counters in D1 (the Workers
// rate-limit binding is per location and approximate). Only failures count, so typing the right
// password is never slowed by one's own history.
//
// - account + client: 5 failures in 15 min, then back-off from the latest failure: 30 s, 60 s,
//   2 min … capped at 15 min. Only that client is slowed for that account.
// - client: 50 failures in 15 min across all accounts (credential stuffing from one address).
// - account: never locked. When it has had 20 failures in 15 min (an attack from many
//   addresses), each client gets one failure on it instead of five — every new guess costs the
//   attacker a new address — while a client that has not failed on it (the owner) still signs in.
// A "client" is the IPv4 address, or the /64 of an IPv6 address (one subscriber's whole block).
const WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = {
  perAccountClient: 5,
  perClient: 50,
  accountUnderAttack: 20,
  backoffBaseMs: 30_000,
  backoffMaxMs: WINDOW_MS,
} as const;

export type ThrottleRule = { key: string; limit: number; windowMs: number };
type Row = typeof authThrottle.$inferSelect;

export function clientKey(ip: string): string {
  if (!ip.includes(":")) return ip;
  const groups = ip.toLowerCase().split("::")[0]!.split(":");
  return `${groups.slice(0, 4).join(":")}::/64`;
}

const keys = (email: string, ip: string) => {
  const client = clientKey(ip);
  return { pair: `login:pair:${email}:${client}`, client: `login:ip:${client}`, account: `login:acct:${email}` };
};

const live = (row: Row | undefined, now: number) => (row && row.windowStart + WINDOW_MS > now ? row : undefined);

/** Throws 429 with retry-after when this client may not try this account now. */
export async function assertLoginAllowed(db: Db, email: string, ip: string, now = Date.now()): Promise<void> {
  const k = keys(email, ip);
  const rows = await db
    .select()
    .from(authThrottle)
    .where(inArray(authThrottle.key, [k.pair, k.client, k.account]));
  const get = (key: string) =>
    live(
      rows.find((r) => r.key === key),
      now,
    );
  const client = get(k.client);
  if (client && client.failures >= LOGIN_LIMITS.perClient)
    throw rateLimited(seconds(client.windowStart + WINDOW_MS - now));
  const pair = get(k.pair);
  if (!pair) return;
  const underAttack = (get(k.account)?.failures ?? 0) >= LOGIN_LIMITS.accountUnderAttack;
  const limit = underAttack ? 1 : LOGIN_LIMITS.perAccountClient;
  if (pair.failures < limit) return;
  const backoff = Math.min(
    LOGIN_LIMITS.backoffMaxMs,
    LOGIN_LIMITS.backoffBaseMs * 2 ** Math.max(0, pair.failures - limit),
  );
  const until = (pair.lastAt ?? pair.windowStart) + backoff;
  if (until > now) throw rateLimited(seconds(until - now));
}

/** Counts a failed sign-in against the pair, the client and the account. */
export async function countLoginFailure(db: Db, email: string, ip: string, now = Date.now()): Promise<void> {
  const k = keys(email, ip);
  await countAttempt(
    db,
    [k.pair, k.client, k.account].map((key) => ({ key, limit: 0, windowMs: WINDOW_MS })),
    now,
  );
}

/** A successful sign-in forgives this client's failures on the account (not the account's). */
export async function clearLoginFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, keys(email, ip).pair));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export const registerRules = (ip: string): ThrottleRule[] => [
  { key: `register:ip:${clientKey(ip)}`, limit: 20, windowMs: 60 * 60_000 },
];

/** Throws 429 (with retry-after) when any rule's window is already full. */
export async function assertNotThrottled(db: Db, rules: ThrottleRule[], now = Date.now()): Promise<void> {
  const rows = await db
    .select()
    .from(authThrottle)
    .where(
      inArray(
        authThrottle.key,
        rules.map((r) => r.key),
      ),
    );
  for (const rule of rules) {
    const row = rows.find((r) => r.key === rule.key);
    if (!row) continue;
    const windowEnd = row.windowStart + rule.windowMs;
    if (windowEnd > now && row.failures >= rule.limit) throw rateLimited(seconds(windowEnd - now));
  }
}

/** Counts one attempt against every rule, starting a new window where the old one ended. */
export async function countAttempt(db: Db, rules: ThrottleRule[], now = Date.now()): Promise<void> {
  const [first, ...rest] = rules.map((rule) =>
    db
      .insert(authThrottle)
      .values({ key: rule.key, windowStart: now, failures: 1, lastAt: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStart} + ${rule.windowMs} <= ${now} then 1 else
            ${authThrottle.failures} + 1 end`,
          windowStart: sql`case when ${authThrottle.windowStart} + ${rule.windowMs} <= ${now} then ${now} else
            ${authThrottle.windowStart} end`,
          lastAt: now,
        },
      }),
  );
  if (first) await db.batch([first, ...rest]);
}
