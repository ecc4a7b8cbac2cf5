import { and, desc, lt, or, eq } from "drizzle-orm";
import { auditLog, users } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { newId } from "../lib/ids";
import { badRequest } from "../lib/errors";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  at: number;
};

/** An audit row to put in the same batch as the change it describes. */
export function auditInsert(tdb: TenantDb, entry: AuditEntry) {
  return tdb.db.insert(auditLog).values(
    tdb.own({
      id: newId("aud"),
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      via: tdb.via ?? null,
    }),
  );
}

// Cursor: "<at>.<id>" of the last item of the previous page (newest first).
function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const match = /^(\d{1,15})\.([\w-]{1,64})$/.exec(cursor);
  if (!match) throw badRequest("Invalid cursor");
  return { at: Number(match[1]), id: match[2]! };
}

export async function listAudit(
  tdb: TenantDb,
  opts: { cursor?: string; limit: number; targetType?: string; targetId?: string },
) {
  const after = parseCursor(opts.cursor);
  const rows = await tdb.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      via: auditLog.via,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      tdb.scope(
        auditLog,
        opts.targetType ? eq(auditLog.targetType, opts.targetType) : undefined,
        opts.targetId ? eq(auditLog.targetId, opts.targetId) : undefined,
        after ? or(lt(auditLog.at, after.at), and(eq(auditLog.at, after.at), lt(auditLog.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? null } : null,
      action: r.action,
      target: `${r.targetType}:${r.targetId}`,
      ...(r.via ? { via: r.via } : {}),
      ...(r.before != null ? { before: r.before } : {}),
      ...(r.after != null ? { after: r.after } : {}),
    })),
    nextCursor: rows.length > opts.limit && last ? `${last.at}.${last.id}` : null,
  };
}
