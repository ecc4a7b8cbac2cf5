import type { z } from "zod";
import { actionSchema, type ActionConfig } from "./action";
import { approvalSchema, type ApprovalConfig } from "./approval";
import { automationSchema, type AutomationConfig } from "./automation";
import { calendarSchema, type CalendarConfig } from "./calendar";
import { conditionSchema, type Condition } from "./condition";
import { dashboardSchema, type DashboardConfig } from "./dashboard";
import { formSchema, type FormConfig } from "./form";
import { routingSchema, type RoutingConfig } from "./routing";
import { slaSchema, type SlaConfig } from "./sla";
import { themeSchema, type ThemeConfig } from "./theme";
import { triggerSchema, type TriggerConfig } from "./trigger";
import { viewSchema, type ViewConfig } from "./view";
import { workflowSchema, type WorkflowConfig } from "./workflow";
import type { Namespace } from "./namespaces";

export { NAMESPACES, type Namespace } from "./namespaces";

export type ConditionConfig = Condition;

export type ConfigByNamespace = {
  form: FormConfig;
  view: ViewConfig;
  trigger: TriggerConfig;
  condition: ConditionConfig;
  action: ActionConfig;
  automation: AutomationConfig;
  workflow: WorkflowConfig;
  approval: ApprovalConfig;
  sla: SlaConfig;
  calendar: CalendarConfig;
  routing: RoutingConfig;
  theme: ThemeConfig;
  dashboard: DashboardConfig;
};
export type ConfigOf<N extends Namespace> = ConfigByNamespace[N];

export const configSchemas: { [N in Namespace]: z.ZodType<ConfigByNamespace[N]> } = {
  form: formSchema,
  view: viewSchema,
  trigger: triggerSchema,
  condition: conditionSchema,
  action: actionSchema,
  automation: automationSchema,
  workflow: workflowSchema,
  approval: approvalSchema,
  sla: slaSchema,
  calendar: calendarSchema,
  routing: routingSchema,
  theme: themeSchema,
  dashboard: dashboardSchema,
};

export type {
  ActionConfig,
  ApprovalConfig,
  AutomationConfig,
  CalendarConfig,
  Condition,
  DashboardConfig,
  FormConfig,
  RoutingConfig,
  SlaConfig,
  ThemeConfig,
  TriggerConfig,
  ViewConfig,
  WorkflowConfig,
};
