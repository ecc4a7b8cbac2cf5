import { desc, eq, ne, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import { isUniqueViolation } from "../../db/d1-errors";
import { configItems, configVersions } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { ErrorDetail } from "../../lib/errors";
import { diffSnapshots } from "../../shared/config/diff";
import { contentHash } from "../../shared/config/hash";
import { listItems, removeItem, setItem, type Snapshot } from "../../shared/config/snapshot";
import { validateSnapshot } from "../../shared/config/validate";
import type { EgressAllowList } from "../../shared/egress-rules";
import { egressIssues } from "../egress/config-check";
import { configOverLimits, type ConfigLimits } from "../limits/config-size";
import type { ConfigItemRef } from "../../shared/protocol";
import { itemLabel } from "./drafts";
import { versionWrites, type ItemChange, type NewVersion } from "./version-writes";

export type Head = { version: number; hash: string };

// `egressAllow`: the deployment's EGRESS_ALLOW_HOSTS, filled in by the tenant object.
export type PublishRequest = {
  actorId: string;
  items?: ConfigItemRef[];
  expectedVersion?: number;
  message?: string;
  egressAllow?: EgressAllowList;
  limits?: ConfigLimits;
};
export type RollbackRequest = {
  actorId: string;
  version: number;
  message?: string;
  egressAllow?: EgressAllowList;
  limits?: ConfigLimits;
};

export type PublishResult = { version: number; hash: string; publishedAt: string; items: ItemChange[] };

/** A refusal, shaped so it crosses the Durable Object RPC boundary intact. */
export type Refusal = { status: 404 | 409 | 413 | 422; code: string; message: string; details?: ErrorDetail[] };
export type Outcome = { ok: true; result: PublishResult; snapshot: Snapshot } | { ok: false; refusal: Refusal };

const refuse = (status: Refusal["status"], code: string, message: string, details?: ErrorDetail[]): Outcome => ({
  ok: false,
  refusal: { status, code, message, details },
});

/** The newest version in D1: the truth the tenant object starts from after every wake. */
export async function readHead(tdb: TenantDb): Promise<Head> {
  const [row] = await tdb.db
    .select({ version: configVersions.version, hash: configVersions.hash })
    .from(configVersions)
    .where(tdb.scope(configVersions))
    .orderBy(desc(configVersions.version))
    .limit(1);
  return row ?? { version: 0, hash: "" };
}

/** Builds, validates and commits the next version from the tenant's drafts. */
export async function publishDrafts(
  tdb: TenantDb,
  head: Head,
  current: Snapshot,
  req: PublishRequest,
  now = Date.now(),
): Promise<Outcome> {
  if (req.expectedVersion !== undefined && req.expectedVersion !== head.version) {
    return refuse(409, "version_conflict", `The current version is ${head.version}, not ${req.expectedVersion}`);
  }
  const drafts = await tdb.db
    .select()
    .from(configItems)
    .where(tdb.scope(configItems, eq(configItems.status, "draft")));
  const wanted = req.items?.map(itemLabel);
  const unknown = (wanted ?? []).flatMap((label, i) =>
    drafts.some((d) => itemLabel(d) === label)
      ? []
      : [{ path: `items[${i}]`, message: `${label} has no unpublished changes` }],
  );
  if (unknown.length > 0) return refuse(422, "validation_failed", "Some items cannot be published", unknown);
  const chosen = wanted ? drafts.filter((d) => wanted.includes(itemLabel(d))) : drafts;

  let next = current;
  for (const d of chosen) {
    next = d.pendingDelete
      ? removeItem(next, d.namespace as never, d.entity, d.key)
      : setItem(next, d.namespace as never, d.entity, d.key, d.draft);
  }
  const itemUpdates = chosen.map((d) =>
    tdb.db
      .update(configItems)
      .set(
        d.pendingDelete
          ? { status: "archived", pendingDelete: false, publishedVersion: head.version + 1 }
          : { status: "published", publishedVersion: head.version + 1 },
      )
      // An edit saved while we were publishing bumped the revision: it stays a draft.
      .where(
        tdb.scope(
          configItems,
          eq(configItems.namespace, d.namespace),
          eq(configItems.entity, d.entity),
          eq(configItems.key, d.key),
          eq(configItems.revision, d.revision),
        ),
      ),
  );
  return commit(
    tdb,
    { head, current, next, itemWrites: itemUpdates },
    {
      kind: "publish",
      message: req.message ?? null,
      actorId: req.actorId,
      now,
      allow: req.egressAllow,
      limits: req.limits,
    },
  );
}

/** A new version whose content equals an older one. Items with unpublished drafts keep them. */
export type RollbackBase = { head: Head; current: Snapshot; target: Snapshot };

export async function rollbackTo(
  tdb: TenantDb,
  base: RollbackBase,
  req: RollbackRequest,
  now = Date.now(),
): Promise<Outcome> {
  const { head, current, target } = base;
  const version = head.version + 1;
  const targetItems = listItems(target);
  const upserts = targetItems.map(({ namespace, entity, key, config }) =>
    tdb.db
      .insert(configItems)
      .values(
        tdb.own({
          namespace,
          entity,
          key,
          draft: config,
          status: "published" as const,
          pendingDelete: false,
          revision: 1,
          publishedVersion: version,
          createdAt: now,
          updatedAt: now,
          createdBy: req.actorId,
          updatedBy: req.actorId,
        }),
      )
      .onConflictDoUpdate({
        target: [configItems.tenantId, configItems.namespace, configItems.entity, configItems.key],
        set: {
          draft: config,
          status: "published",
          pendingDelete: false,
          revision: sql`${configItems.revision} + 1`,
          publishedVersion: version,
          updatedAt: now,
          updatedBy: req.actorId,
        },
        setWhere: ne(configItems.status, "draft"),
      }),
  );
  const kept = new Set(targetItems.map(itemLabel));
  const archives = listItems(current)
    .filter((item) => !kept.has(itemLabel(item)))
    .map((item) =>
      tdb.db
        .update(configItems)
        .set({ status: "archived", publishedVersion: version, updatedAt: now, updatedBy: req.actorId })
        .where(
          tdb.scope(
            configItems,
            eq(configItems.namespace, item.namespace),
            eq(configItems.entity, item.entity),
            eq(configItems.key, item.key),
            ne(configItems.status, "draft"),
          ),
        ),
    );
  // A removal waiting to be published is moot once the rollback has removed the item too.
  const mootRemovals = tdb.db
    .update(configItems)
    .set({
      status: "archived",
      pendingDelete: false,
      publishedVersion: version,
      updatedAt: now,
      updatedBy: req.actorId,
    })
    .where(
      tdb.scope(
        configItems,
        eq(configItems.pendingDelete, true),
        sql`(${configItems.namespace} || '/' || ${configItems.entity} || '/' || ${configItems.key}) NOT IN
          (SELECT value FROM json_each(${JSON.stringify([...kept])}))`,
      ),
    );
  return commit(
    tdb,
    { head, current, next: target, itemWrites: [...upserts, ...archives, mootRemovals] },
    {
      kind: "rollback",
      message: req.message ?? `Rollback to version ${req.version}`,
      actorId: req.actorId,
      now,
      rolledBackTo: req.version,
      allow: req.egressAllow,
      limits: req.limits,
    },
  );
}

export type Meta = Pick<NewVersion, "kind" | "message" | "actorId" | "now" | "rolledBackTo"> & {
  allow?: EgressAllowList;
  limits?: ConfigLimits;
};

/** What a new version is made of: the head and snapshot it follows, the next snapshot, the item rows. */
export type Change = { head: Head; current: Snapshot; next: Snapshot; itemWrites: Statement[] };

export async function commit(tdb: TenantDb, change: Change, meta: Meta): Promise<Outcome> {
  const { head, current, next, itemWrites } = change;
  const errors = [...validateSnapshot(next), ...egressIssues(next, meta.allow ?? [])];
  if (errors.length > 0) return refuse(422, "validation_failed", "The configuration is not valid", errors);
  const over = meta.limits ? configOverLimits(next, meta.limits) : null;
  if (over) return { ok: false, refusal: over };
  const changes: ItemChange[] = diffSnapshots(current, next).map(({ namespace, entity, key, change }) => ({
    namespace,
    entity,
    key,
    change,
  }));
  if (changes.length === 0) return refuse(409, "nothing_to_publish", "There are no changes to publish");
  const version = head.version + 1;
  const hash = await contentHash(next);
  try {
    await runBatch(tdb.db, [...versionWrites(tdb, { ...meta, version, hash, snapshot: next, changes }), ...itemWrites]);
  } catch (error) {
    // The (tenant, version) key exists: someone got there first. Nothing of ours was written.
    if (isUniqueViolation(error)) {
      return refuse(409, "version_conflict", "Another publish happened at the same time; try again");
    }
    throw error;
  }
  return {
    ok: true,
    snapshot: next,
    result: { version, hash, publishedAt: new Date(meta.now).toISOString(), items: changes },
  };
}
