import type { Snapshot } from "../../shared/config/snapshot";
import type { Limits } from "./limits";

export type ConfigLimits = Pick<Limits, "snapshotBytes" | "automations">;
export type SizeRefusal = {
  status: 413 | 422;
  code: string;
  message: string;
  details: { path: string; message: string; limit: string; max: number; used: number }[];
};

const count = (snapshot: Snapshot, ns: "automation") =>
  Object.values(snapshot[ns] ?? {}).reduce((n, items) => n + Object.keys(items ?? {}).length, 0);

/** Why the next snapshot is over this deployment's size or automation limits, or null. */
export function configOverLimits(next: Snapshot, limits: ConfigLimits): SizeRefusal | null {
  const bytes = new TextEncoder().encode(JSON.stringify(next)).length;
  if (bytes > limits.snapshotBytes) {
    return {
      status: 413,
      code: "payload_too_large",
      message: `The configuration would be ${bytes} bytes, over the limit snapshotBytes (${limits.snapshotBytes})`,
      details: [{ path: "", message: "snapshotBytes", limit: "snapshotBytes", max: limits.snapshotBytes, used: bytes }],
    };
  }
  const automations = count(next, "automation");
  if (automations > limits.automations) {
    return {
      status: 422,
      code: "limit_exceeded",
      message:
        `The configuration would have ${automations} automations, ` +
        `over the limit automations (${limits.automations})`,
      details: [
        {
          path: "automation",
          message: "automations",
          limit: "automations",
          max: limits.automations,
          used: automations,
        },
      ],
    };
  }
  return null;
}
