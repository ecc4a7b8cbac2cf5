import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { authThrottle } from "../../db/schema";
import { rateLimited } from "../../lib/errors";

// Exact counters in fixed windows, in D1 (the Workers rate-limit binding is per location and
// approximate). Only failures count, so a user who types the right password is never slowed.
export type ThrottleRule = { key: string; limit: number; windowMs: number };

export const loginRules = (email: string, ip: string): ThrottleRule[] => [
  { key: `login:acct:${email}`, limit: 5, windowMs: 15 * 60_000 },
  { key: `login:ip:${ip}`, limit: 50, windowMs: 15 * 60_000 },
];

export const registerRules = (ip: string): ThrottleRule[] => [
  { key: `register:ip:${ip}`, limit: 20, windowMs: 60 * 60_000 },
];

/** Throws 429 (with retry-after) when any rule's window is already full. */
export async function assertNotThrottled(db: Db, rules: ThrottleRule[], now = Date.now()): Promise<void> {
  const rows = await db.query.authThrottle.findMany({
    where: (t, { inArray }) => inArray(t.key, rules.map((r) => r.key)),
  });
  for (const rule of rules) {
    const row = rows.find((r) => r.key === rule.key);
    if (!row) continue;
    const windowEnd = row.windowStart + rule.windowMs;
    if (windowEnd > now && row.failures >= rule.limit) {
      throw rateLimited(Math.max(1, Math.ceil((windowEnd - now) / 1000)));
    }
  }
}

/** Counts one attempt (for logins: a failure) against every rule, starting a new window where the old one ended. */
export async function countAttempt(db: Db, rules: ThrottleRule[], now = Date.now()): Promise<void> {
  const [first, ...rest] = rules.map((rule) =>
    db
      .insert(authThrottle)
      .values({ key: rule.key, windowStart: now, failures: 1 })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStart} + ${rule.windowMs} <= ${now} then 1 else ${authThrottle.failures} + 1 end`,
          windowStart: sql`case when ${authThrottle.windowStart} + ${rule.windowMs} <= ${now} then ${now} else ${authThrottle.windowStart} end`,
        },
      }),
  );
  if (first) await db.batch([first, ...rest]);
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
