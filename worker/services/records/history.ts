import { asc, eq } from "drizzle-orm";
import { auditLog, users } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { canRead } from "../../shared/records/access";
import type { EntityContext } from "./entity";

type Values = Record<string, unknown> | null;

/** A record's audit trail, oldest first, without values of fields the caller may not read. */
export async function recordHistory(tdb: TenantDb, ctx: EntityContext, principal: Principal, recordId: string) {
  const rows = await tdb.db
    .select({
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      via: auditLog.via,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(tdb.scope(auditLog, eq(auditLog.targetType, "record"), eq(auditLog.targetId, recordId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .limit(500);
  const readable = (field: string) => {
    const def = ctx.form.fields.find((f) => f.name === field);
    return !def || canRead(def, principal.role);
  };
  return rows.map((r) => {
    const base = {
      at: new Date(r.at).toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName } : null,
      action: r.action,
      ...(r.via ? { via: r.via } : {}),
    };
    const before = r.before as Values;
    const after = r.after as Values;
    if (r.action === "record.transitioned") return { ...base, from: before?.status ?? null, to: after?.status ?? null };
    if (r.action.startsWith("sla.") || r.action === "inbox.message" || r.action.startsWith("approval."))
      return { ...base, details: after ?? {} };
    const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})].filter(readable));
    const changes = Object.fromEntries(
      [...fields].map((f) => [f, { from: before?.[f] ?? null, to: after?.[f] ?? null }]),
    );
    return { ...base, changes };
  });
}
