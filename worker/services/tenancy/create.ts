import { runBatch, type Statement } from "../../db/batch";
import type { Db } from "../../db/client";
import { TenantDb } from "../../db/tenant-db";
import { directoryInsert } from "./directory";
import { mirrorWrites } from "./members-mirror";
import { placeNewTenant } from "./placement";

type Member = Parameters<typeof mirrorWrites>[1][number];

/**
 * Creates a tenant across the two planes: placed on a shard by the policy, its data (version 1 of
 * its config, the mirror of its first members) written to the shard first, then its control rows
 * (tenant, users, memberships, sessions) with its directory row in one control batch. Until that
 * batch commits nothing points at the shard's rows, so a failure leaves only unreachable rows
 * under an id nobody holds. On the control database (no shards) it is one atomic batch, as before.
 */
export async function createTenant(
  env: Env,
  control: Db,
  tenantId: string,
  now: number,
  parts: { control: Statement[]; data: (tdb: TenantDb) => Promise<Statement[]>; members: Member[] },
): Promise<TenantDb> {
  const shard = await placeNewTenant(env, control);
  const tdb = TenantDb.onShard(env, tenantId, shard);
  const data = [...(await parts.data(tdb)), ...mirrorWrites(tdb, parts.members)];
  const controlWrites = [...parts.control, directoryInsert(control, tenantId, shard, now) as Statement];
  if (tdb.onControl) {
    await runBatch(control, [...controlWrites, ...data]);
  } else {
    await runBatch(tdb.db, data);
    await runBatch(control, controlWrites);
  }
  return tdb;
}
