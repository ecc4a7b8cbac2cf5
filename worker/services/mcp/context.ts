import { tenantHub } from "../../lib/hub";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { forbidden, notFound } from "../../lib/errors";
import { entitiesOf, type Snapshot } from "../../shared/config/snapshot";
import { roleAtLeast, type Role } from "../../shared/roles";
import { currentVersion } from "../config/current";
import { entityFromSnapshot, type EntityContext } from "../records/entity";

/** What every MCP tool gets: the caller exactly as the API sees them, and the published config. */
export type McpContext = {
  env: Env;
  principal: Principal;
  tdb: TenantDb;
  waitUntil: (p: Promise<unknown>) => void;
  snapshot: Snapshot;
  configVersion: number;
};

export async function mcpContext(input: Omit<McpContext, "snapshot" | "configVersion">): Promise<McpContext> {
  const current = await currentVersion(input.env, input.principal.tenantId, input.waitUntil);
  return { ...input, snapshot: current?.snapshot ?? {}, configVersion: current?.version ?? 0 };
}

/** The entity's context from the snapshot this request started with: 404 as the API says it. */
export function entityOf(ctx: McpContext, entity: string): EntityContext {
  const found = entityFromSnapshot(ctx.snapshot, ctx.configVersion, entity);
  if (!found) throw notFound(`There is no entity "${entity}"`, "unknown_entity");
  return found;
}

/** Every entity of the tenant (those with a default form), sorted. */
export const entityNames = (ctx: Pick<McpContext, "snapshot">): string[] => entitiesOf(ctx.snapshot);

/** The same role check as the routes' `requireRole`. */
export function requireRoleOf(ctx: McpContext, minimum: Role): void {
  if (!roleAtLeast(ctx.principal.role, minimum)) throw forbidden();
}

/** Tells the tenant object that events are waiting (as the routes do after a write). */
export function announce(ctx: McpContext): void {
  const { tenantId } = ctx.principal;
  ctx.waitUntil(
    tenantHub(ctx.env, tenantId)
      .drainEvents()
      .catch((e) => console.warn("drain failed", tenantId, e)),
  );
}
