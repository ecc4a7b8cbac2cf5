import { chunkedInsert, type Statement } from "../../db/batch";
import { configPublishLog, configSnapshots, configVersions } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Snapshot } from "../../shared/config/snapshot";
import { auditInsert } from "../audit";

export type ItemChange = { namespace: string; entity: string; key: string; change: "added" | "removed" | "modified" };

export type NewVersion = {
  version: number;
  hash: string;
  snapshot: Snapshot;
  changes: ItemChange[];
  kind: "publish" | "rollback" | "starter";
  message: string | null;
  actorId: string | null;
  now: number;
  rolledBackTo?: number;
};

/**
 * The rows that make a version exist: its header, its immutable snapshot, what it changed item
 * by item, and the audit entry. Run in one batch with the item status updates, so a version is
 * either entirely there or not at all. The (tenant, version) primary key refuses a duplicate.
 */
export function versionWrites(tdb: TenantDb, v: NewVersion): Statement[] {
  const { db } = tdb;
  return [
    db.insert(configVersions).values(
      tdb.own({
        version: v.version,
        hash: v.hash,
        publishedAt: v.now,
        publishedBy: v.actorId,
        message: v.message,
        kind: v.kind,
        rolledBackTo: v.rolledBackTo ?? null,
      }),
    ),
    db
      .insert(configSnapshots)
      .values(tdb.own({ version: v.version, hash: v.hash, snapshot: JSON.stringify(v.snapshot), createdAt: v.now })),
    ...chunkedInsert(
      db,
      configPublishLog,
      v.changes.map((c) => tdb.own({ version: v.version, ...c })),
    ),
    auditInsert(tdb, {
      actorId: v.actorId,
      action: `config.${v.kind}`,
      targetType: "config_version",
      targetId: String(v.version),
      after: {
        version: v.version,
        hash: v.hash,
        message: v.message,
        items: v.changes,
        ...(v.rolledBackTo ? { rolledBackTo: v.rolledBackTo } : {}),
      },
      at: v.now,
    }),
  ];
}
