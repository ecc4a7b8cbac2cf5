import { limitsOf, overRate } from "./limits";

// A bulkhead per tenant: how many of one tenant's requests this isolate works on at once. The
// rest wait their turn here, in order and bounded, instead of in the database's queue in front of
// every other tenant's requests — so a tenant that fires a hundred requests at once waits behind
// itself. Past the waiting room, or after waiting too long, 429 with retry-after.
//
// A leaving request never resolves a waiting request's promise: in workerd that continues the
// waiter's work in the leaver's request context, and its I/O then fails ("Cannot perform I/O on
// behalf of a different request", measured as 500s under a sustained burst). The leaver marks the
// next waiter's turn instead, and each waiter looks on its own timer, in its own request; the one
// next in line looks every millisecond, those further back less often.
type Waiter = { ticket: number; since: number; grantedAt?: number; revoked?: boolean };
type Gate = { active: number; waiting: Waiter[]; granted: Set<Waiter>; tickets: number; served: number };
const gates = new Map<string, Gate>();
export const MAX_WAIT_MS = 10_000;
/** A turn not taken within this long belongs to a request that is gone: the slot passes on. */
const CLAIM_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for one of the tenant's slots; call the returned function when the request is done. */
export async function enterTenantGate(env: object, tenantId: string, maxWaitMs = MAX_WAIT_MS): Promise<() => void> {
  const { concurrentRequestsPerTenant: slots, waitingRequestsPerTenant: room } = limitsOf(env);
  let gate = gates.get(tenantId);
  if (!gate) gates.set(tenantId, (gate = { active: 0, waiting: [], granted: new Set(), tickets: 0, served: 0 }));
  reclaimTurns(tenantId, gate, Date.now());
  const release = once(() => leave(tenantId, gate));
  if (gate.active < slots) {
    gate.active++;
    return release;
  }
  if (gate.waiting.length >= room) throw overRate("waitingRequestsPerTenant", room, 1);
  const me: Waiter = { ticket: gate.tickets++, since: Date.now() };
  gate.waiting.push(me);
  for (;;) {
    await sleep(Math.min(25, 1 + Math.max(0, me.ticket - gate.served)));
    if (me.revoked) {
      // Its turn was taken back while this request was too busy to look: a free slot, or first in line.
      me.revoked = false;
      if (!gates.has(tenantId)) gates.set(tenantId, gate);
      if (gate.active < slots) {
        gate.active++;
        return release;
      }
      gate.waiting.unshift(me);
    } else if (me.grantedAt !== undefined) {
      gate.granted.delete(me);
      return release; // the slot was handed over by the request that left it
    }
    if (Date.now() - me.since >= maxWaitMs && gate.waiting.includes(me)) {
      gate.waiting.splice(gate.waiting.indexOf(me), 1);
      throw overRate("concurrentRequestsPerTenant", slots, 1);
    }
  }
}

function leave(tenantId: string, gate: Gate, now = Date.now()) {
  const next = gate.waiting.shift();
  if (next) {
    // The slot passes on (active stays the same); the waiter sees it on its next look.
    next.grantedAt = now;
    gate.served = next.ticket + 1;
    gate.granted.add(next);
    return;
  }
  gate.active--;
  // (Only this gate: after a reclaimed turn a newer one may hold the name.)
  if (gate.active === 0 && gates.get(tenantId) === gate) gates.delete(tenantId);
}

function reclaimTurns(tenantId: string, gate: Gate, now: number) {
  for (const w of gate.granted) {
    if (now - w.grantedAt! <= CLAIM_MS) continue;
    gate.granted.delete(w);
    w.grantedAt = undefined;
    w.revoked = true;
    leave(tenantId, gate, now);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) (done = true), fn();
  };
}

/** Requests of the tenant being worked on and waiting in this isolate (GET /api/admin/tenant). */
export function gateUsage(tenantId: string): { active: number; waiting: number } {
  const gate = gates.get(tenantId);
  return { active: gate?.active ?? 0, waiting: gate?.waiting.length ?? 0 };
}
