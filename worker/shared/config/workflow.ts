import { z } from "zod";
import { configName, label, reportDuplicates, roleSchema } from "./common";
import { conditionSchema } from "./condition";

export const STEP_CATEGORIES = ["open", "won", "lost", "closed"] as const;

const stepSchema = z.strictObject({
  key: configName,
  label,
  probability: z.number().min(0).max(100).optional(),
  category: z.enum(STEP_CATEGORIES).optional(), // absent: open
});

const transitionSchema = z.strictObject({
  from: configName,
  to: configName,
  roles: z.array(roleSchema).optional(), // absent: every role that may write the record
  when: conditionSchema.optional(),
});

export const workflowSchema = z
  .strictObject({
    initial: configName,
    steps: z.array(stepSchema).min(1).max(100),
    transitions: z.array(transitionSchema).max(1000),
    allowAnyToAny: z.boolean().optional(),
  })
  .superRefine((wf, ctx) => {
    const keys = wf.steps.map((s) => s.key);
    reportDuplicates(keys, ctx, (i) => ["steps", i, "key"], "step");
    const missing = (path: PropertyKey[], key: string) =>
      ctx.addIssue({ code: "custom", message: `no step "${key}" in this workflow`, path });
    if (!keys.includes(wf.initial)) missing(["initial"], wf.initial);
    wf.transitions.forEach((t, i) => {
      if (!keys.includes(t.from)) missing(["transitions", i, "from"], t.from);
      if (!keys.includes(t.to)) missing(["transitions", i, "to"], t.to);
      if (t.from === t.to) {
        ctx.addIssue({ code: "custom", message: "a transition must change the step", path: ["transitions", i, "to"] });
      }
    });
  });
export type WorkflowConfig = z.infer<typeof workflowSchema>;
