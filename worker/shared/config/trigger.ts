import { z } from "zod";
import { configName, timeZoneSchema } from "./common";
import { triggerConditionSchema } from "./condition";
import { isValidCron } from "./cron";
import { secretValue } from "./secret-ref";

// Record events may be narrowed by `when`; only here may it use `changed` / `changedTo`.
const recordEvent = <T extends "create" | "update" | "delete">(on: T) =>
  z.strictObject({ on: z.literal(on), when: triggerConditionSchema.optional() });

export const triggerSchema = z.discriminatedUnion("on", [
  recordEvent("create"),
  recordEvent("update"),
  recordEvent("delete"),
  // POST /api/hooks/:tenantSlug/:key, signed with this tenant secret.
  z.strictObject({ on: z.literal("webhook"), secret: secretValue }),
  z.strictObject({
    on: z.literal("schedule"),
    cron: z.string().refine(isValidCron, "must be a five-field cron expression like 0 9 * * 1-5"),
    timezone: timeZoneSchema.optional(), // absent: UTC
  }),
  z.strictObject({ on: z.literal("sla.warning"), policy: configName.optional() }),
  z.strictObject({ on: z.literal("sla.breached"), policy: configName.optional() }),
  z.strictObject({ on: z.literal("approval.decided"), approval: configName.optional() }),
]);
export type TriggerConfig = z.infer<typeof triggerSchema>;
export type TriggerEvent = TriggerConfig["on"];
