import type { Principal } from "../../lib/app-env";
import { limitsOf, overRate, type LimitName } from "./limits";

// Request and write shares, counted in this isolate. This is the cheap local check (DESIGN.md §7):
// no round trip on the hot path. Each isolate counts on its own, so across many isolates a tenant
// can exceed a share by the isolate count; the exact counts — sockets, queued runs, automations,
// config sizes — are kept where they live (the tenant object, the snapshot).
//
// A share of N a minute is a token bucket: it refills at N/60 a second and holds at most
// BURST_SECONDS of it (never fewer than min(N, 10)), so a client may burst briefly but a flood runs
// at the share's pace instead of spending a whole minute's share in its first seconds.
const WINDOW_MS = 60_000;
const BURST_SECONDS = 10;
const MAX_KEYS = 10_000;

type Bucket = { tokens: number; at: number };
type Window = { start: number; count: number };
const buckets = new Map<string, Bucket>();
const windows = new Map<string, Window>(); // what was let through this minute, for the admin's usage view

function capacity(limit: number): number {
  return Math.max((limit * BURST_SECONDS) / 60, Math.min(limit, 10));
}

function check(name: LimitName, key: string, limit: number, now: number) {
  const rate = limit / WINDOW_MS; // tokens a millisecond
  const full = capacity(limit);
  let bucket = buckets.get(key);
  if (!bucket) {
    if (buckets.size >= MAX_KEYS) buckets.clear(); // bounded memory; a reset only forgives
    buckets.set(key, (bucket = { tokens: full, at: now }));
  }
  bucket.tokens = Math.min(full, bucket.tokens + Math.max(0, now - bucket.at) * rate);
  bucket.at = Math.max(bucket.at, now);
  if (bucket.tokens < 1) throw overRate(name, limit, Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)));
  bucket.tokens -= 1;
  count(key, now);
}

function count(key: string, now: number) {
  let w = windows.get(key);
  if (!w || w.start + WINDOW_MS <= now) {
    if (windows.size >= MAX_KEYS) windows.clear();
    windows.set(key, (w = { start: now, count: 0 }));
  }
  w.count++;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Counts one request of `principal` (and one write for a mutating method); 429 past a share. */
export function takeRequestShare(
  env: object,
  principal: Pick<Principal, "tenantId" | "userId">,
  method: string,
  now = Date.now(),
): void {
  const limits = limitsOf(env);
  check("requestsPerUser", `u:${principal.userId}:${principal.tenantId}`, limits.requestsPerUser, now);
  check("requestsPerTenant", `t:${principal.tenantId}`, limits.requestsPerTenant, now);
  if (!WRITE_METHODS.has(method)) return;
  check("writesPerTenant", `w:${principal.tenantId}`, limits.writesPerTenant, now);
  const backlog = backlogs.get(principal.tenantId);
  if (backlog && backlog.at + WINDOW_MS > now && backlog.queuedRuns >= limits.queuedRuns)
    throw overRate("queuedRuns", limits.queuedRuns, 30);
}

// The tenant object answers every drain with its run backlog; writes wait while it is full
// (what was accepted still runs: the queue only stops growing).
const backlogs = new Map<string, { queuedRuns: number; at: number }>();

export function noteBacklog(tenantId: string, queuedRuns: number, now = Date.now()): void {
  if (backlogs.size >= MAX_KEYS) backlogs.clear();
  backlogs.set(tenantId, { queuedRuns, at: now });
}

/** What this isolate let through in the current minute (for GET /api/admin/tenant). */
export function shareUsage(tenantId: string, now = Date.now()): { requestsPerTenant: number; writesPerTenant: number } {
  const live = (key: string) => {
    const w = windows.get(key);
    return w && w.start + WINDOW_MS > now ? w.count : 0;
  };
  return { requestsPerTenant: live(`t:${tenantId}`), writesPerTenant: live(`w:${tenantId}`) };
}
