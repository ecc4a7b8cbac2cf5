import { z } from "zod";
import { membersSchema } from "./common";
import { conditionSchema } from "./condition";

export const routingSchema = z.strictObject({
  strategy: z.enum(["round_robin", "least_open"]),
  members: membersSchema,
  when: conditionSchema.optional(), // records it applies to; absent: all
});
export type RoutingConfig = z.infer<typeof routingSchema>;
