import { z } from "zod";
import { configName, durationSchema, label, membersSchema } from "./common";
import { conditionSchema } from "./condition";

const approvalStepSchema = z.strictObject({
  name: label,
  approvers: membersSchema,
  mode: z.enum(["any", "all"]), // one approver suffices, or every one must approve
  dueIn: durationSchema.optional(),
});

export const approvalSchema = z.strictObject({
  // Evaluated on create/update; a matching record is held until the approval is decided.
  when: conditionSchema.optional(),
  steps: z.array(approvalStepSchema).min(1).max(10),
  onApprove: z.array(configName).max(20).optional(), // action keys of the same entity
  onReject: z.array(configName).max(20).optional(),
});
export type ApprovalConfig = z.infer<typeof approvalSchema>;
