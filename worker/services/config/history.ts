import { asc, between, desc, eq } from "drizzle-orm";
import { configPublishLog, configVersions, users } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import { iso } from "../../lib/ids";

/** The tenant's versions, newest first, each with the items it changed. */
export async function listVersions(tdb: TenantDb, limit = 100) {
  const versions = await tdb.db
    .select({ v: configVersions, publisherName: users.name })
    .from(configVersions)
    .leftJoin(users, eq(users.id, configVersions.publishedBy))
    .where(tdb.scope(configVersions))
    .orderBy(desc(configVersions.version))
    .limit(limit);
  const numbers = versions.map(({ v }) => v.version);
  const log = numbers.length
    ? await tdb.db
        .select()
        .from(configPublishLog)
        // A range, not an IN list: a page of versions is contiguous and D1 binds ≤ 100 values.
        .where(
          tdb.scope(configPublishLog, between(configPublishLog.version, Math.min(...numbers), Math.max(...numbers))),
        )
        .orderBy(asc(configPublishLog.namespace), asc(configPublishLog.entity), asc(configPublishLog.key))
    : [];
  return versions.map(({ v, publisherName }) => ({
    version: v.version,
    hash: v.hash,
    publishedAt: iso(v.publishedAt)!,
    publishedBy: v.publishedBy,
    publishedByName: publisherName,
    message: v.message,
    kind: v.kind,
    rolledBackTo: v.rolledBackTo,
    items: log
      .filter((l) => l.version === v.version)
      .map(({ namespace, entity, key, change }) => ({ namespace, entity, key, change })),
  }));
}
