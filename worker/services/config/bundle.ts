import type { EgressAllowList } from "../../shared/egress-rules";
import type { ConfigLimits } from "../limits/config-size";
import { eq, sql } from "drizzle-orm";
import { configItems } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { applyBundle, type BundleInput } from "../../shared/config/bundle";
import { diffSnapshots } from "../../shared/config/diff";
import type { Snapshot } from "../../shared/config/snapshot";
import { commit, type Head, type Outcome } from "./publish";

export type BundleRequest = BundleInput & {
  actorId: string;
  expectedVersion?: number;
  message?: string;
  egressAllow?: EgressAllowList;
  limits?: ConfigLimits;
};

/** What a dry run answers: the diff against the current version and every error, nothing written. */
export function previewBundle(head: Head, current: Snapshot, req: Omit<BundleRequest, "actorId">) {
  const { next, errors } = applyBundle(current, req);
  const stale = req.expectedVersion !== undefined && req.expectedVersion !== head.version;
  const all = stale
    ? [
        { path: "expectedVersion", message: `the current version is ${head.version}, not ${req.expectedVersion}` },
        ...errors,
      ]
    : errors;
  return { valid: all.length === 0, version: head.version, changes: diffSnapshots(current, next), errors: all };
}

/**
 * Publishes a bundle as one version. Runs inside the tenant object's serialized publish, so the
 * version it builds on is the current one. The bundle's items become the items' working copies
 * and their published config in the same batch as the version itself: an invalid or refused
 * bundle leaves no drafts behind, and drafts of items the bundle does not carry are untouched.
 */
export async function publishBundle(
  tdb: TenantDb,
  head: Head,
  current: Snapshot,
  req: BundleRequest,
  now = Date.now(),
): Promise<Outcome> {
  if (req.expectedVersion !== undefined && req.expectedVersion !== head.version) {
    return {
      ok: false,
      refusal: {
        status: 409,
        code: "version_conflict",
        message: `The current version is ${head.version}, not ${req.expectedVersion}`,
      },
    };
  }
  const { next, errors } = applyBundle(current, req);
  if (errors.length > 0)
    return {
      ok: false,
      refusal: { status: 422, code: "validation_failed", message: "The bundle is not valid", details: errors },
    };
  const version = head.version + 1;
  const changed = diffSnapshots(current, next);
  const writes = changed.map((c) =>
    c.change === "removed"
      ? tdb.db
          .update(configItems)
          .set({
            status: "archived",
            pendingDelete: false,
            publishedVersion: version,
            revision: sql`${configItems.revision} + 1`,
            updatedAt: now,
            updatedBy: req.actorId,
          })
          .where(
            tdb.scope(
              configItems,
              eq(configItems.namespace, c.namespace),
              eq(configItems.entity, c.entity),
              eq(configItems.key, c.key),
            ),
          )
      : tdb.db
          .insert(configItems)
          .values(
            tdb.own({
              namespace: c.namespace,
              entity: c.entity,
              key: c.key,
              draft: c.after,
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
              draft: c.after,
              status: "published",
              pendingDelete: false,
              revision: sql`${configItems.revision} + 1`,
              publishedVersion: version,
              updatedAt: now,
              updatedBy: req.actorId,
            },
          }),
  );
  return commit(
    tdb,
    { head, current, next, itemWrites: writes },
    {
      kind: "publish",
      message: req.message ?? "Bundle import",
      actorId: req.actorId,
      now,
      allow: req.egressAllow,
      limits: req.limits,
    },
  );
}
