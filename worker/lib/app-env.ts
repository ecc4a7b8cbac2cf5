import type { Role } from "../shared/roles";
import type { TenantDb } from "../db/tenant-db";

/** Who is calling, taken only from a verified token and a live session. */
export type Principal = {
  userId: string;
  tenantId: string;
  role: Role;
  sessionId: string;
  /** Set when the caller authenticated with an API key: its role is already capped by the scope. */
  via?: { keyId: string; name: string };
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    principal: Principal;
    /** The tenant-scoped data access layer; the only way a route reaches tenant data. */
    tdb: TenantDb;
  };
};
