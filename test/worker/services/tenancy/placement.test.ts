import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../../worker/db/client";
import { chooseShard, openShards, placeNewTenant, shardNames } from "../../../../worker/services/tenancy/placement";
import { makeTenant, shardOf } from "../../helpers";

describe("placement of new tenants", () => {
  it("knows the shards bound in wrangler.toml", () => {
    expect(shardNames(env)).toEqual(["SHARD_0", "SHARD_1"]);
    expect(openShards({ ...env, SHARDS_CLOSED: "SHARD_1" })).toEqual(["SHARD_0"]);
  });

  it("picks the open shard with the fewest tenants, ties by name, the control database when none is open", () => {
    expect(chooseShard({ SHARD_0: 3, SHARD_1: 2 }, ["SHARD_0", "SHARD_1"])).toBe("SHARD_1");
    expect(chooseShard({ SHARD_0: 2, SHARD_1: 2 }, ["SHARD_1", "SHARD_0"])).toBe("SHARD_0");
    expect(chooseShard({}, ["SHARD_1", "SHARD_0"])).toBe("SHARD_0");
    expect(chooseShard({ SHARD_0: 0, SHARD_1: 9 }, ["SHARD_1"])).toBe("SHARD_1"); // SHARD_0 is closed
    expect(chooseShard({ SHARD_0: 1 }, [])).toBe("DB");
  });

  it("never places a new tenant on a closed shard", async () => {
    const control = createDb(env.DB);
    expect(await placeNewTenant({ ...env, SHARDS_CLOSED: "SHARD_0" }, control)).toBe("SHARD_1");
    expect(await placeNewTenant({ ...env, SHARDS_CLOSED: "SHARD_1" }, control)).toBe("SHARD_0");
    expect(await placeNewTenant({ ...env, SHARDS_CLOSED: "SHARD_0,SHARD_1" }, control)).toBe("DB");
  });

  it("spreads registered tenants over both shards", async () => {
    const shards = new Set<string>();
    for (let i = 0; i < 4 && shards.size < 2; i++) shards.add(await shardOf(await makeTenant("Spread")));
    expect([...shards].sort()).toEqual(["SHARD_0", "SHARD_1"]);
  });
});
