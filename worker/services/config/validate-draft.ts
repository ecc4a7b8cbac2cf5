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
export async function snapshotToBe(
  env: Env,
  tdb: TenantDb,
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<Snapshot> {
  let next = await currentSnapshot(env, tdb.tenantId, waitUntil);
  const drafts = await tdb.db
    .select()
    .from(configItems)
    .where(tdb.scope(configItems, eq(configItems.status, "draft")));
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
export async function validateDraft(
  env: Env,
  tdb: TenantDb,
  id: ItemId,
  waitUntil?: (p: Promise<unknown>) => void,
  edited?: { config: unknown },
): Promise<ErrorDetail[]> {
  const row = await getItem(tdb, id);
  // An edit not saved yet may be of an item that has no draft row yet (a new one).
  if (!edited && (!row || row.status === "archived")) throw notFound("No such config item");
  const toBe = await snapshotToBe(env, tdb, waitUntil);
  if (!edited && row?.pendingDelete) return validateSnapshot(toBe);
  const config = edited ? edited.config : row!.draft;
  const next = edited ? setItem(toBe, id.namespace, id.entity, id.key, config) : toBe;
  const egress = webhookUrlIssue(config, parseAllowList(env.EGRESS_ALLOW_HOSTS));
  return [
    ...validateItem(id.namespace, id.entity, id.key, config, next),
    ...(id.namespace === "action" && egress ? [egress] : []),
  ];
}
