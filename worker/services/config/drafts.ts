import { and, asc, eq, sql } from "drizzle-orm";
import { configItems, users } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { notFound, preconditionFailed } from "../../lib/errors";
import { iso } from "../../lib/ids";
import type { Namespace } from "../../shared/config/namespaces";
import { auditInsert } from "../audit";
import { redactItem } from "../../shared/config/redact";

export type ItemId = { namespace: Namespace; entity: string; key: string };
type ItemRow = typeof configItems.$inferSelect;

export function presentItem(row: ItemRow) {
  return {
    namespace: row.namespace,
    entity: row.entity,
    key: row.key,
    // Literal credentials from before secrets were references are never read back.
    config: redactItem(row.namespace, row.draft),
    status: row.status,
    revision: row.revision,
    publishedVersion: row.publishedVersion,
    pendingDelete: row.pendingDelete,
    updatedAt: iso(row.updatedAt)!,
    updatedBy: row.updatedBy,
  };
}

const itemWhere = (tdb: TenantDb, id: ItemId) =>
  tdb.scope(
    configItems,
    eq(configItems.namespace, id.namespace),
    eq(configItems.entity, id.entity),
    eq(configItems.key, id.key),
  );

export async function getItem(tdb: TenantDb, id: ItemId) {
  const [row] = await tdb.db.select().from(configItems).where(itemWhere(tdb, id)).limit(1);
  return row;
}

export async function listConfigItems(
  tdb: TenantDb,
  filter: { namespace?: string; entity?: string; status?: ItemRow["status"] },
) {
  const rows = await tdb.db
    .select({ item: configItems, updatedByName: users.name })
    .from(configItems)
    .leftJoin(users, eq(users.id, configItems.updatedBy))
    .where(
      tdb.scope(
        configItems,
        filter.namespace ? eq(configItems.namespace, filter.namespace) : undefined,
        filter.entity ? eq(configItems.entity, filter.entity) : undefined,
        filter.status ? eq(configItems.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(configItems.namespace), asc(configItems.entity), asc(configItems.key));
  return rows.map(({ item, updatedByName }) => {
    const { config: _config, ...summary } = presentItem(item);
    return { ...summary, updatedByName };
  });
}

/**
 * Saves a draft. With `expectedRevision` the write is a compare-and-swap on the revision, done
 * in the UPDATE itself so two admins saving at once cannot both win.
 */
export type DraftSave = { id: ItemId; config: unknown; expectedRevision?: number; now?: number };

export async function saveDraft(tdb: TenantDb, actorId: string, draft: DraftSave) {
  const { id, config, expectedRevision, now = Date.now() } = draft;
  const existing = await getItem(tdb, id);
  if (!existing) {
    if (expectedRevision !== undefined && expectedRevision !== 0) throw preconditionFailed();
    const row = tdb.own({
      ...id,
      draft: config,
      status: "draft" as const,
      pendingDelete: false,
      revision: 1,
      publishedVersion: null,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId,
      updatedBy: actorId,
    });
    const [inserted] = await tdb.db.batch([
      tdb.db.insert(configItems).values(row).onConflictDoNothing().returning(),
      auditInsert(tdb, {
        actorId,
        action: "config.draft.created",
        targetType: "config_item",
        targetId: itemLabel(id),
        at: now,
      }),
    ]);
    if (inserted.length === 0) throw preconditionFailed(); // created concurrently by someone else
    return { item: presentItem(inserted[0]!), created: true };
  }
  if (expectedRevision !== undefined && expectedRevision !== existing.revision) throw preconditionFailed();
  const [updated] = await tdb.db.batch([
    tdb.db
      .update(configItems)
      .set({
        draft: config,
        status: "draft",
        pendingDelete: false,
        revision: sql`${configItems.revision} + 1`,
        updatedAt: now,
        updatedBy: actorId,
      })
      .where(and(itemWhere(tdb, id), eq(configItems.revision, existing.revision)))
      .returning(),
    auditInsert(tdb, {
      actorId,
      action: "config.draft.saved",
      targetType: "config_item",
      targetId: itemLabel(id),
      at: now,
    }),
  ]);
  if (updated.length === 0) throw preconditionFailed();
  return { item: presentItem(updated[0]!), created: false };
}

/**
 * Marks an item for removal at the next publish. An item that was never published has nothing
 * to remove from config, so its draft is simply dropped.
 */
export async function deleteDraft(
  tdb: TenantDb,
  actorId: string,
  id: ItemId,
  expectedRevision?: number,
  now = Date.now(),
) {
  const existing = await getItem(tdb, id);
  if (!existing || existing.status === "archived") throw notFound("No such config item");
  if (expectedRevision !== undefined && expectedRevision !== existing.revision) throw preconditionFailed();
  const guard = and(itemWhere(tdb, id), eq(configItems.revision, existing.revision));
  const audit = auditInsert(tdb, {
    actorId,
    action: "config.draft.deleted",
    targetType: "config_item",
    targetId: itemLabel(id),
    at: now,
  });
  if (existing.publishedVersion === null) {
    const [deleted] = await tdb.db.batch([tdb.db.delete(configItems).where(guard).returning(), audit]);
    if (deleted.length === 0) throw preconditionFailed();
    return { ...presentItem(existing), status: "archived" as const, pendingDelete: false };
  }
  const [updated] = await tdb.db.batch([
    tdb.db
      .update(configItems)
      .set({
        status: "draft",
        pendingDelete: true,
        revision: sql`${configItems.revision} + 1`,
        updatedAt: now,
        updatedBy: actorId,
      })
      .where(guard)
      .returning(),
    audit,
  ]);
  if (updated.length === 0) throw preconditionFailed();
  return presentItem(updated[0]!);
}

export const itemLabel = (id: { namespace: string; entity: string; key: string }) =>
  `${id.namespace}/${id.entity}/${id.key}`;

/**
 * Throws away unpublished changes: the working copy becomes the published config again. An item
 * that was never published disappears; one whose published version no longer has it is archived.
 */
export async function discardDraft(tdb: TenantDb, actorId: string, id: ItemId, published: unknown, now = Date.now()) {
  const existing = await getItem(tdb, id);
  if (!existing || existing.status !== "draft") throw notFound("No unpublished changes to discard");
  const guard = and(itemWhere(tdb, id), eq(configItems.revision, existing.revision));
  const audit = auditInsert(tdb, {
    actorId,
    action: "config.draft.discarded",
    targetType: "config_item",
    targetId: itemLabel(id),
    at: now,
  });
  if (published === undefined && existing.publishedVersion === null) {
    await tdb.db.batch([tdb.db.delete(configItems).where(guard), audit]);
    return { ...presentItem(existing), status: "archived" as const, pendingDelete: false };
  }
  const status = published === undefined ? ("archived" as const) : ("published" as const);
  const [updated] = await tdb.db.batch([
    tdb.db
      .update(configItems)
      .set({
        draft: published ?? existing.draft,
        status,
        pendingDelete: false,
        revision: sql`${configItems.revision} + 1`,
        updatedAt: now,
        updatedBy: actorId,
      })
      .where(guard)
      .returning(),
    audit,
  ]);
  if (updated.length === 0) throw preconditionFailed();
  return presentItem(updated[0]!);
}
