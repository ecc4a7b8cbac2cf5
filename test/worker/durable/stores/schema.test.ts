import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readMeta, tenantOf } from "../../../../worker/durable/stores/schema";
import type { TenantHub } from "../../../../worker/durable/tenant-hub";
import { tenantHub } from "../../../../worker/lib/hub";

const nameless = { name: undefined } as unknown as DurableObjectId;
const named = (name: string) => ({ name }) as unknown as DurableObjectId;

describe("the tenant object's own name", () => {
  it("is kept in meta, so a wake without a name (an old runtime's alarm) still knows its tenant", async () => {
    const hub = tenantHub(env, "tenant-schema-a");
    await runInDurableObject(hub, (_: TenantHub, state) => {
      expect(readMeta(state.storage.sql, "tenant")).toBe("tenant-schema-a"); // written when the object started
      expect(tenantOf(nameless, state.storage.sql)).toBe("tenant-schema-a");
      expect(tenantOf(named("tenant-schema-b"), state.storage.sql)).toBe("tenant-schema-b");
      expect(readMeta(state.storage.sql, "tenant")).toBe("tenant-schema-b");
      expect(tenantOf(named("tenant-schema-a"), state.storage.sql)).toBe("tenant-schema-a");
    });
  });
});
