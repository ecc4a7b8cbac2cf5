import { chunkedInsert, type Statement } from "../../db/batch";
import type { Db } from "../../db/client";
import { configItems } from "../../db/schema";
import { TenantDb } from "../../db/tenant-db";
import { contentHash } from "../../shared/config/hash";
import { listItems, type Snapshot } from "../../shared/config/snapshot";
import { starterSnapshot } from "../../shared/config/starter";
import { versionWrites } from "./version-writes";

/**
 * Version 1 of a brand-new tenant, written in the same batch that creates the tenant: no other
 * publish can race a tenant that does not exist yet, so this skips the tenant object. KV is
 * filled on the first read.
 */
export async function starterConfigWrites(
  db: Db,
  tenantId: string,
  actorId: string,
  now: number,
  { snapshot = starterSnapshot(), message = "Starter configuration" }: { snapshot?: Snapshot; message?: string } = {},
): Promise<Statement[]> {
  const tdb = new TenantDb(db, tenantId);
  const items = listItems(snapshot);
  return [
    ...chunkedInsert(
      db,
      configItems,
      items.map(({ namespace, entity, key, config }) =>
        tdb.own({
          namespace,
          entity,
          key,
          draft: config,
          status: "published" as const,
          pendingDelete: false,
          revision: 1,
          publishedVersion: 1,
          createdAt: now,
          updatedAt: now,
          createdBy: actorId,
          updatedBy: actorId,
        }),
      ),
    ),
    ...versionWrites(tdb, {
      version: 1,
      hash: await contentHash(snapshot),
      snapshot,
      changes: items.map(({ namespace, entity, key }) => ({ namespace, entity, key, change: "added" as const })),
      kind: "starter",
      message,
      actorId,
      now,
    }),
  ];
}
