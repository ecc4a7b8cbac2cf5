import { eq } from "drizzle-orm";
import { configItems } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { notFound, type ErrorDetail } from "../../lib/errors";
import type { Namespace } from "../../shared/config/namespaces";
import { removeItem, setItem, type Snapshot } from "../../shared/config/snapshot";
import { validateItem, validateSnapshot } from "../../shared/config/validate";
import { parseAllowList } from "../../shared/egress-rules";
import { webhookUrlIssue } from "../egress/config-check";
import { currentSnapshot } from "./current";
import { getItem, type ItemId } from "./drafts";

/** Every pending draft applied to the published snapshot: what "publish all" would produce. */
export async function snapshotToBe(env: Env, tdb: TenantDb, waitUntil?: (p: Promise<unknown>) => void): Promise<Snapshot> {
  let next = await currentSnapshot(env, tdb.tenantId, waitUntil);
  const drafts = await tdb.db.select().from(configItems).where(tdb.scope(configItems, eq(configItems.status, "draft")));
  for (const d of drafts) {
    const ns = d.namespace as Namespace;
    next = d.pendingDelete ? removeItem(next, ns, d.entity, d.key) : setItem(next, ns, d.entity, d.key, d.draft);
  }
  return next;
}

/**
 * A draft's own errors (paths relative to its config). For a pending removal, the errors it
 * would cause elsewhere (e.g. a view still naming a removed form's fields).
 */
export async function validateDraft(env: Env, tdb: TenantDb, id: ItemId, waitUntil?: (p: Promise<unknown>) => void): Promise<ErrorDetail[]> {
  const row = await getItem(tdb, id);
  if (!row || row.status === "archived") throw notFound("No such config item");
  const next = await snapshotToBe(env, tdb, waitUntil);
  if (row.pendingDelete) return validateSnapshot(next);
  const egress = webhookUrlIssue(row.draft, parseAllowList(env.EGRESS_ALLOW_HOSTS));
  return [...validateItem(id.namespace, id.entity, id.key, row.draft, next), ...(id.namespace === "action" && egress ? [egress] : [])];
}
