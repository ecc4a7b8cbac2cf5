import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../worker/lib/errors";
import { overRate } from "../../../../worker/services/limits/limits";
import {
  heldRefusals,
  MAX_HELD_PER_TENANT,
  refusalDelayMs,
  refuseAfterPause,
} from "../../../../worker/services/limits/tarpit";

const settled = async (promise: Promise<unknown>) => {
  let state = "pending";
  promise.then(
    () => (state = "resolved"),
    () => (state = "rejected"),
  );
  await new Promise((r) => setTimeout(r, 0));
  return state;
};

describe("refusals past a share", () => {
  it("wait their pause before the same 429 goes out, never longer than its retry-after", () => {
    expect(refusalDelayMs({}, overRate("requestsPerUser", 10, 30))).toBe(1000);
    expect(refusalDelayMs({ REFUSAL_DELAY_MS: "5000" }, overRate("requestsPerUser", 10, 2))).toBe(2000);
    expect(refusalDelayMs({ REFUSAL_DELAY_MS: "0" }, overRate("requestsPerUser", 10, 2))).toBe(0);
  });

  it("hold the answer while pausing, then throw the 429 unchanged", async () => {
    const tenant = `t-${crypto.randomUUID()}`;
    const error = overRate("writesPerTenant", 1, 1);
    const answer = refuseAfterPause({ REFUSAL_DELAY_MS: "50" }, tenant, error);
    expect(await settled(answer)).toBe("pending");
    expect(heldRefusals(tenant)).toBe(1);
    await expect(answer).rejects.toBe(error);
    expect(heldRefusals(tenant)).toBe(0);
  });

  it("go out at once for other errors, with the pause off, and past the held cap", async () => {
    const tenant = `t-${crypto.randomUUID()}`;
    const notFound = new ApiError(404, "not_found", "gone");
    expect(await settled(refuseAfterPause({}, tenant, notFound))).toBe("rejected");
    expect(await settled(refuseAfterPause({ REFUSAL_DELAY_MS: "0" }, tenant, overRate("requestsPerUser", 1, 1)))).toBe(
      "rejected",
    );
    const env = { REFUSAL_DELAY_MS: "3000" };
    const pending = Array.from({ length: MAX_HELD_PER_TENANT }, () =>
      refuseAfterPause(env, tenant, overRate("requestsPerUser", 1, 60)).catch(() => null),
    );
    expect(heldRefusals(tenant)).toBe(MAX_HELD_PER_TENANT);
    expect(await settled(refuseAfterPause(env, tenant, overRate("requestsPerUser", 1, 60)))).toBe("rejected");
    expect(heldRefusals(`t-${crypto.randomUUID()}`)).toBe(0); // another tenant's refusals are its own
    void pending;
  });
});
