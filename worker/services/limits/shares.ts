import type { Principal } from "../../lib/app-env";
import { limitsOf, overRate, type LimitName } from "./limits";

// Request and write shares, counted in this isolate in one-minute windows. This is the cheap
// local check (DESIGN.md §7): no round trip on the hot path. Each isolate counts on its own, so
// across many isolates a tenant can exceed a share by the isolate count; the exact counts —
// sockets, queued runs, automations, config sizes — are kept where they live (the tenant
// object, the snapshot).
const WINDOW_MS = 60_000;
const MAX_KEYS = 10_000;

type Window = { start: number; count: number };
const windows = new Map<string, Window>();

function take(key: string, now: number): Window {
  let w = windows.get(key);
  if (!w || w.start + WINDOW_MS <= now) {
    if (windows.size >= MAX_KEYS) windows.clear(); // bounded memory; a reset only forgives
    w = { start: now, count: 0 };
    windows.set(key, w);
  }
  w.count++;
  return w;
}

function check(name: LimitName, key: string, limit: number, now: number) {
  const w = take(key, now);
  if (w.count > limit) throw overRate(name, limit, Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)));
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Counts one request of `principal` (and one write for a mutating method); 429 past a share. */
export function takeRequestShare(env: object, principal: Pick<Principal, "tenantId" | "userId">, method: string, now = Date.now()): void {
  const limits = limitsOf(env);
  check("requestsPerUser", `u:${principal.userId}:${principal.tenantId}`, limits.requestsPerUser, now);
  check("requestsPerTenant", `t:${principal.tenantId}`, limits.requestsPerTenant, now);
  if (!WRITE_METHODS.has(method)) return;
  check("writesPerTenant", `w:${principal.tenantId}`, limits.writesPerTenant, now);
  const backlog = backlogs.get(principal.tenantId);
  if (backlog && backlog.at + WINDOW_MS > now && backlog.queuedRuns >= limits.queuedRuns) throw overRate("queuedRuns", limits.queuedRuns, 30);
}

// The tenant object answers every drain with its run backlog; writes wait while it is full
// (what was accepted still runs: the queue only stops growing).
const backlogs = new Map<string, { queuedRuns: number; at: number }>();

export function noteBacklog(tenantId: string, queuedRuns: number, now = Date.now()): void {
  if (backlogs.size >= MAX_KEYS) backlogs.clear();
  backlogs.set(tenantId, { queuedRuns, at: now });
}

/** This isolate's counts in the current minute (for GET /api/admin/tenant). */
export function shareUsage(tenantId: string, now = Date.now()): { requestsPerTenant: number; writesPerTenant: number } {
  const live = (key: string) => {
    const w = windows.get(key);
    return w && w.start + WINDOW_MS > now ? w.count : 0;
  };
  return { requestsPerTenant: live(`t:${tenantId}`), writesPerTenant: live(`w:${tenantId}`) };
}
