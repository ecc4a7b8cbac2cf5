import { z } from "zod";
import { configName, label } from "./common";

export const WIDGET_TYPES = ["metric", "bar", "line", "pie", "table"] as const;

// What GET /api/crm/dashboard/metrics serves. Widgets may name other `<group>.<name>` metrics
// (the format is checked, the name is not) so new metrics need no config migration.
export const DASHBOARD_METRICS = [
  "customers.total",
  "deals.open",
  "deals.won",
  "deals.lost",
  "deals.pipelineValue",
  "deals.byStage",
  "cases.open",
  "cases.byStatus",
  "cases.breached",
  "cases.slaCompliance",
  "activities.open",
  "activities.overdue",
] as const;

const metricName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]*\.[a-zA-Z][a-zA-Z0-9_]*$/, 'must look like "deals.pipelineValue"');

const widgetSchema = z
  .strictObject({
    type: z.enum(WIDGET_TYPES),
    title: label,
    metric: metricName,
    entity: configName.optional(),
    view: configName.optional(), // a view/<entity>/<key>: needs entity
  })
  .superRefine((w, ctx) => {
    if (w.view && !w.entity) ctx.addIssue({ code: "custom", message: "a view needs an entity", path: ["entity"] });
  });

export const dashboardSchema = z.strictObject({
  title: label,
  widgets: z.array(widgetSchema).max(50),
});
export type DashboardConfig = z.infer<typeof dashboardSchema>;
