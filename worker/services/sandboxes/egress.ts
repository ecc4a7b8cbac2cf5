import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { tenants } from "../../db/schema";

// Action types whose effect leaves Pulse-8. A sandbox runs them only when allowed, so trying
// automations out never e-mails real customers or calls production endpoints.
const OUTBOUND = new Set(["webhook", "send_email"]);

// The flag changes rarely; a run retried within seconds need not read it again.
const CACHE_MS = 15_000;
const cache = new Map<string, { blocked: boolean; at: number }>();

/** Why `actionType` may not run for this tenant, or undefined when it may. */
export async function outboundRefusal(
  env: Pick<Env, "DB">,
  tenantId: string,
  actionType: string,
  now = Date.now(),
): Promise<string | undefined> {
  if (!OUTBOUND.has(actionType)) return undefined;
  let hit = cache.get(tenantId);
  if (!hit || now - hit.at > CACHE_MS) {
    // The tenants table is control plane: it stays on env.DB.
    const [row] = await createDb(env.DB)
      .select({ sandboxOf: tenants.sandboxOf, allowed: tenants.sandboxEgress })
      .from(tenants)
      .where(eq(tenants.id, tenantId))
      .limit(1);
    hit = { blocked: Boolean(row?.sandboxOf) && !row?.allowed, at: now };
    if (cache.size > 1000) cache.clear();
    cache.set(tenantId, hit);
  }
  return hit.blocked
    ? "not sent: this sandbox may not send e-mail or call webhooks (allow it on the sandbox)"
    : undefined;
}

/** Test hook and the sandbox route's own change: forget cached flags. */
export function forgetEgressFlags(): void {
  cache.clear();
}
