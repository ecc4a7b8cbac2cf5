import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { createDb, type Db } from "./client";

type TenantOwned = { tenantId: SQLiteColumn };

/**
 * The tenant-scoped data-access layer. Routes receive one of these (built from the verified
 * token) and never a bare database handle, so a query cannot forget its tenant: every read,
 * update and delete goes through `scope`, every insert through `own`.
 */
export class TenantDb {
  readonly db: Db;
  /** The API key the caller acts through, stamped on every audit row written with this handle. */
  via?: string;

  constructor(
    d1: D1Database | Db,
    readonly tenantId: string,
  ) {
    this.db = "batch" in d1 && "select" in d1 ? d1 : createDb(d1 as D1Database);
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
