import { z } from "zod";
import { configName } from "./common";

// Keys of trigger/condition/action items of the same entity; checked at publish.
export const automationSchema = z.strictObject({
  trigger: configName,
  conditions: z.array(configName).max(20).optional(), // all must hold
  actions: z.array(configName).min(1).max(20),
  enabled: z.boolean().optional(), // absent: enabled
  description: z.string().max(2000).optional(),
});
export type AutomationConfig = z.infer<typeof automationSchema>;
