import { ApiError } from "../../lib/errors";

// A client past its share is told so after a pause, not at once. The answer is the same 429 with
// retry-after; the pause costs the platform a timer, not CPU, and a client that ignores
// retry-after and asks again at once (a loop, a hostile script) now asks about once a pause
// instead of as fast as the isolate can refuse it — the refusals no longer take the CPU other
// tenants' requests need. Bounded per tenant: past MAX_HELD_PER_TENANT held answers, refusals
// go out at once (memory stays bounded; they still cost little).
export const DEFAULT_REFUSAL_DELAY_MS = 1000;
export const MAX_HELD_PER_TENANT = 64;
const held = new Map<string, number>();

/** The pause before a 429: REFUSAL_DELAY_MS (0 turns it off), never longer than its retry-after. */
export function refusalDelayMs(env: object, error: ApiError): number {
  const raw = Number((env as Record<string, unknown>).REFUSAL_DELAY_MS);
  const delay = Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_REFUSAL_DELAY_MS;
  const retryAfter = Number(error.headers?.["retry-after"]);
  return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(delay, retryAfter * 1000) : delay;
}

/** Rethrows `error`; a tenant's 429 first waits its pause (unless too many of its answers already do). */
export async function refuseAfterPause(env: object, tenantId: string, error: unknown): Promise<never> {
  if (!(error instanceof ApiError) || error.status !== 429) throw error;
  const delay = refusalDelayMs(env, error);
  const holding = held.get(tenantId) ?? 0;
  if (delay === 0 || holding >= MAX_HELD_PER_TENANT) throw error;
  held.set(tenantId, holding + 1);
  try {
    await new Promise((resolve) => setTimeout(resolve, delay));
  } finally {
    const left = (held.get(tenantId) ?? 1) - 1;
    if (left > 0) held.set(tenantId, left);
    else held.delete(tenantId);
  }
  throw error;
}

/** Refusals of the tenant being held in this isolate now (GET /api/admin/tenant, tests). */
export function heldRefusals(tenantId: string): number {
  return held.get(tenantId) ?? 0;
}
