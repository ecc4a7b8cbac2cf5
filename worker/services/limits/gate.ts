import { limitsOf, overRate } from "./limits";

// A bulkhead per tenant: how many of one tenant's requests this isolate works on at once. The
// rest wait their turn here, in order and bounded, instead of in the database's queue in front of
// every other tenant's requests — so a tenant that fires a hundred requests at once waits behind
// itself. Past the waiting room, or after waiting too long, 429 with retry-after.
type Gate = { active: number; waiting: (() => void)[] };
const gates = new Map<string, Gate>();
export const MAX_WAIT_MS = 10_000;

/** Waits for one of the tenant's slots; call the returned function when the request is done. */
export async function enterTenantGate(env: object, tenantId: string, maxWaitMs = MAX_WAIT_MS): Promise<() => void> {
  const { concurrentRequestsPerTenant: slots, waitingRequestsPerTenant: room } = limitsOf(env);
  let gate = gates.get(tenantId);
  if (!gate) gates.set(tenantId, (gate = { active: 0, waiting: [] }));
  const release = once(() => leave(tenantId, gate));
  if (gate.active < slots) {
    gate.active++;
    return release;
  }
  if (gate.waiting.length >= room) throw overRate("waitingRequestsPerTenant", room, 1);
  await new Promise<void>((resolve, reject) => {
    const turn = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      gate.waiting.splice(gate.waiting.indexOf(turn), 1);
      reject(overRate("concurrentRequestsPerTenant", slots, 1));
    }, maxWaitMs);
    gate.waiting.push(turn);
  });
  return release; // the slot was handed over by the request that left it
}

function leave(tenantId: string, gate: Gate) {
  const next = gate.waiting.shift();
  if (next) return next(); // the slot passes on; active stays the same
  gate.active--;
  if (gate.active === 0) gates.delete(tenantId);
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
