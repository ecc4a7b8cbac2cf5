import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../worker/db/client";
import { createApiKey, effectiveRole, resolveKeyPrincipal } from "../../../worker/services/auth/api-keys";
import { makeTenant } from "../helpers";

describe("API key service", () => {
  it("caps the role by scope", () => {
    expect(effectiveRole("read", "admin")).toBe("read_only");
    expect(effectiveRole("write", "manager")).toBe("agent");
    expect(effectiveRole("write", "read_only")).toBe("read_only");
    expect(effectiveRole("admin", "manager")).toBe("manager");
  });

  it("expires at expiresAt and writes lastUsedAt at most once a minute", async () => {
    const admin = await makeTenant();
    const db = createDb(env.DB);
    const t0 = Date.now();
    const key = await createApiKey(
      db,
      { tenantId: admin.tenantId, userId: admin.userId, name: "k", scope: "read", expiresAt: t0 + 3_600_000 },
      t0,
    );
    const lastUsed = async () =>
      (await env.DB.prepare("SELECT last_used_at AS t FROM api_keys WHERE id = ?").bind(key.id).first<{ t: number }>())!
        .t;

    expect(await resolveKeyPrincipal(db, key.token, { now: t0 + 1000 })).toMatchObject({
      userId: admin.userId,
      role: "read_only",
      via: { keyId: key.id, name: "k" },
    });
    expect(await lastUsed()).toBe(t0 + 1000);
    await resolveKeyPrincipal(db, key.token, { now: t0 + 30_000 });
    expect(await lastUsed()).toBe(t0 + 1000);
    await resolveKeyPrincipal(db, key.token, { now: t0 + 62_000 });
    expect(await lastUsed()).toBe(t0 + 62_000);

    expect(await resolveKeyPrincipal(db, key.token, { now: t0 + 3_600_000 })).toBeNull();
  });
});
