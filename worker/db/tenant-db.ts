import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { createDb, type Db } from "./client";
import { placementOf, type Placement } from "../services/tenancy/directory";
import { CONTROL, shardDatabase } from "../services/tenancy/placement";

type TenantOwned = { tenantId: SQLiteColumn };

/** How a request reads its tenant's shard. */
export type Consistency = {
  /** The client's `x-pulse-bookmark`: answers are at least as new as it. */
  bookmark?: string | null;
  /** A request that writes starts on the primary ("first-primary"); reads may start anywhere. */
  write?: boolean;
};

/**
 * A D1 session over `d1` (read replication): sequentially consistent, so a request reads its
 * own writes, and anchored at the client's bookmark when it sent one. The one place sessions are
 * made: where a runtime has no `withSession` (none is known today; miniflare and workerd have it,
 * with no real replicas behind it locally) the database itself is used, which is the primary.
 */
export function openSession(
  d1: D1Database,
  consistency: Consistency = {},
): { d1: D1Database; session?: D1DatabaseSession } {
  if (typeof d1.withSession !== "function") return { d1 };
  const session = d1.withSession(consistency.bookmark || (consistency.write ? "first-primary" : "first-unconstrained"));
  return { d1: session as unknown as D1Database, session };
}

/**
 * The tenant-scoped data-access layer, and the one place that picks the tenant's shard. Routes
 * receive one of these (built from the verified token) and never a bare database handle, so a
 * query cannot forget its tenant: every read, update and delete goes through `scope`, every
 * insert through `own`.
 *
 * `db` is the tenant's shard (in a D1 session for requests; the primary for the tenant object);
 * `control` is the control database (tenants, users, memberships, sessions, API keys, the shard
 * directory). Each shard also keeps a mirror of its tenants' members (services/tenancy/members-mirror.ts)
 * so joins for names and membership checks stay on the shard.
 */
export class TenantDb {
  readonly db: Db;
  readonly control: Db;
  /** The shard's binding name (SHARD_0, …, or DB for tenants from before shards). */
  readonly shard: string;
  /** The API key the caller acts through, stamped on every audit row written with this handle. */
  via?: string;
  private readonly session?: D1DatabaseSession;

  constructor(
    d1: D1Database | Db,
    readonly tenantId: string,
    opts: { control?: Db; shard?: string; session?: D1DatabaseSession } = {},
  ) {
    this.db = isDb(d1) ? d1 : createDb(d1 as D1Database);
    this.control = opts.control ?? this.db;
    this.shard = opts.shard ?? CONTROL;
    this.session = opts.session;
  }

  /** A request's handle: the tenant's shard in a D1 session (see `openSession`). */
  static async open(
    env: Env,
    tenantId: string,
    consistency: Consistency = {},
    placement?: Placement,
  ): Promise<TenantDb> {
    const { shard } = placement ?? (await placementOf(env, tenantId));
    const { d1, session } = openSession(shardDatabase(env, shard), consistency);
    return new TenantDb(d1, tenantId, { control: createDb(env.DB), shard, session });
  }

  /** The tenant object's handle: the primary of a shard the caller already looked up. */
  static onShard(env: Env, tenantId: string, shard: string): TenantDb {
    return new TenantDb(shardDatabase(env, shard), tenantId, { control: createDb(env.DB), shard });
  }

  /** Whether the tenant's data shares the control database (then there is nothing to mirror). */
  get onControl(): boolean {
    return this.shard === CONTROL || this.db === this.control;
  }

  /** The D1 bookmark after this handle's queries (null before any, or without a session). */
  bookmark(): string | null {
    return this.session?.getBookmark() ?? null;
  }

  /** `tenant_id = <this tenant> AND …conditions`. */
  scope(table: TenantOwned, ...conditions: (SQL | undefined)[]): SQL {
    return and(eq(table.tenantId, this.tenantId), ...conditions) as SQL;
  }

  /** Stamps this tenant's id on a row about to be inserted. */
  own<T extends object>(row: T): T & { tenantId: string } {
    return { ...row, tenantId: this.tenantId };
  }
}

function isDb(d1: D1Database | Db): d1 is Db {
  return "batch" in d1 && "select" in d1;
}
