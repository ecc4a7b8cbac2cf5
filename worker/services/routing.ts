import { sql } from "drizzle-orm";
import type { TenantDb } from "../db/tenant-db";
import type { RoutingConfig } from "../shared/config/routing";

// Who gets the next piece of work. Only active members are candidates, so deactivating
// someone takes them out of every rotation at once.

type Options = {
  entity: string;
  key: string;
  /** Open workflow steps of the entity (for least_open); undefined counts every live record. */
  openSteps?: string[];
  /** A persistent counter that returns 0, 1, 2 … on successive calls (round robin). */
  counter: (name: string) => number;
};

async function candidates(tdb: TenantDb, routing: RoutingConfig): Promise<string[]> {
  const active = await tdb.db.values<[string, string]>(
    sql`SELECT user_id, role FROM memberships WHERE tenant_id = ${tdb.tenantId} AND active = 1
      ORDER BY created_at, user_id`,
  );
  if (routing.members.role) return active.filter(([, role]) => role === routing.members.role).map(([id]) => id);
  const listed = routing.members.users ?? [];
  return listed.filter((id) => active.some(([activeId]) => activeId === id));
}

async function openCounts(
  tdb: TenantDb,
  entity: string,
  users: string[],
  openSteps?: string[],
): Promise<Map<string, number>> {
  const statusFilter = openSteps
    ? sql` AND (status IS NULL OR status IN (${sql.join(
        openSteps.map((s) => sql`${s}`),
        sql`, `,
      )}))`
    : sql``;
  const rows = await tdb.db.values<[string, number]>(
    sql`SELECT assignee_id, count(*) FROM records WHERE tenant_id = ${tdb.tenantId} AND entity = ${entity}
      AND deleted_at IS NULL AND assignee_id IN (${sql.join(
        users.map((u) => sql`${u}`),
        sql`, `,
      )})${statusFilter} GROUP BY assignee_id`,
  );
  return new Map(rows);
}

export async function pickAssignee(tdb: TenantDb, routing: RoutingConfig, opts: Options): Promise<string | undefined> {
  const members = await candidates(tdb, routing);
  if (members.length === 0) return undefined;
  if (routing.strategy === "round_robin")
    return members[opts.counter(`rr:${opts.entity}:${opts.key}`) % members.length];
  const counts = await openCounts(tdb, opts.entity, members, opts.openSteps?.length ? opts.openSteps : undefined);
  // Fewest open first; ties go to whoever joined first, so the choice is deterministic.
  return [...members].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
}
