import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sweepOutbox } from "../../../worker/services/events/sweep";
import { api, tenantD1, eventually, makeTenant } from "../helpers";

describe("outbox sweep", () => {
  it("drains events whose notification was lost", async () => {
    const admin = await makeTenant();
    await api("POST", "/crm/customers", { token: admin.token, body: { name: "Acme" } });
    await eventually(
      async () =>
        (
          await (
            await tenantD1(admin.tenantId)
          )
            .prepare("SELECT count(*) AS n FROM events WHERE tenant_id = ? AND processed_at IS NULL")
            .bind(admin.tenantId)
            .first<{ n: number }>()
        )?.n === 0,
    );
    // Pretend the notification never arrived: unprocess the event and age it past the grace period.
    await (await tenantD1(admin.tenantId))
      .prepare("UPDATE events SET processed_at = NULL, created_at = created_at - 60000 WHERE tenant_id = ?")
      .bind(admin.tenantId)
      .run();
    expect(await sweepOutbox(env)).toBeGreaterThanOrEqual(1);
    const left = await (await tenantD1(admin.tenantId))
      .prepare("SELECT count(*) AS n FROM events WHERE tenant_id = ? AND processed_at IS NULL")
      .bind(admin.tenantId)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
