import { z } from "zod";
import { configName, reportDuplicates } from "./common";
import { conditionSchema } from "./condition";

const targetSchema = z.strictObject({
  metric: configName, // e.g. first_response, resolution
  minutes: z.number().positive().max(525_600), // may be fractional; at most a year
  stopWhen: conditionSchema, // the target is met once this holds
});

export const slaSchema = z
  .strictObject({
    when: conditionSchema.optional(), // which records it applies to; absent: all
    calendar: configName.optional(), // a calendar/tenant/<key>; absent: 24x7
    targets: z.array(targetSchema).min(1).max(10),
    pauseWhen: conditionSchema.optional(),
    warnAtPercent: z.array(z.number().gt(0).lt(100)).max(10).optional(),
    onWarning: z.array(configName).max(20).optional(), // action keys of the same entity
    onBreach: z.array(configName).max(20).optional(),
  })
  .superRefine((sla, ctx) => {
    reportDuplicates(
      sla.targets.map((t) => t.metric),
      ctx,
      (i) => ["targets", i, "metric"],
      "metric",
    );
    const percents = (sla.warnAtPercent ?? []).map(String);
    reportDuplicates(percents, ctx, (i) => ["warnAtPercent", i], "percentage");
  });
export type SlaConfig = z.infer<typeof slaSchema>;
