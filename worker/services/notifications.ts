import { and, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { runBatch } from "../db/batch";
import { notifications } from "../db/schema";
import type { TenantDb } from "../db/tenant-db";
import { badRequest } from "../lib/errors";
import type { NotificationKind, NotificationView } from "../shared/protocol";

// A member's notifications: stored per user, read and marked read only by that user. The
// tenant object writes them (see durable/notifier.ts); ids are deterministic per cause and
// recipient, so a repeated outbox drain or alarm writes nothing twice.

type Row = typeof notifications.$inferSelect;

export type NewNotification = {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  entity?: string | null;
  recordId?: string | null;
  at: number;
};

export function presentNotification(
  row: Pick<Row, "id" | "kind" | "at" | "readAt" | "title" | "entity" | "recordId">,
): NotificationView {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    at: new Date(row.at).toISOString(),
    read: row.readAt !== null,
    title: row.title,
    ...(row.entity ? { entity: row.entity } : {}),
    ...(row.recordId ? { recordId: row.recordId } : {}),
  };
}

/** Stores what is new; answers only the rows that were actually inserted (to push them once). */
export async function storeNotifications(
  tdb: TenantDb,
  list: NewNotification[],
): Promise<(NotificationView & { userId: string })[]> {
  const unique = list.filter((n, i) => list.findIndex((m) => m.id === n.id) === i);
  if (unique.length === 0) return [];
  // One round trip: an id already stored (a repeated drain) returns no row and is not pushed again.
  const results = await runBatch(
    tdb.db,
    unique.map((n) =>
      tdb.db
        .insert(notifications)
        .values(tdb.own({ ...n, entity: n.entity ?? null, recordId: n.recordId ?? null, readAt: null }))
        .onConflictDoNothing()
        .returning({ id: notifications.id }),
    ),
  );
  const inserted = new Set(results.flatMap((r) => (r.results as { id: string }[]).map((x) => x.id)));
  return unique
    .filter((n) => inserted.has(n.id))
    .map((n) => ({
      ...presentNotification({ ...n, entity: n.entity ?? null, recordId: n.recordId ?? null, readAt: null }),
      userId: n.userId,
    }));
}

export type NotificationQuery = { unread?: boolean; limit: number; cursor?: string };

export async function listNotifications(tdb: TenantDb, userId: string, q: NotificationQuery) {
  const after = parseCursor(q.cursor);
  const rows = await tdb.db
    .select()
    .from(notifications)
    .where(
      tdb.scope(
        notifications,
        eq(notifications.userId, userId),
        q.unread ? isNull(notifications.readAt) : undefined,
        after
          ? or(lt(notifications.at, after.at), and(eq(notifications.at, after.at), lt(notifications.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.at), desc(notifications.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentNotification),
    unread: await unreadCount(tdb, userId),
    nextCursor: rows.length > q.limit && last ? `${last.at}.${last.id}` : null,
  };
}

export async function unreadCount(tdb: TenantDb, userId: string): Promise<number> {
  const [row] = await tdb.db
    .select({ n: count() })
    .from(notifications)
    .where(tdb.scope(notifications, eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the given notifications (all when absent) of this user read; others' ids change nothing. */
export async function markRead(
  tdb: TenantDb,
  userId: string,
  ids: string[] | undefined,
  now = Date.now(),
): Promise<number> {
  await tdb.db
    .update(notifications)
    .set({ readAt: now })
    .where(
      tdb.scope(
        notifications,
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    );
  return unreadCount(tdb, userId);
}

function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const m = /^(\d{1,15})\.([\w:.-]{1,160})$/.exec(cursor);
  if (!m) throw badRequest("Invalid cursor");
  return { at: Number(m[1]), id: m[2]! };
}
