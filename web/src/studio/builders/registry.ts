// One builder and one starting config per namespace. Keyed by NAMESPACES, so a new namespace
// does not compile until it has both.
import type { ComponentType } from "react";
import type { Namespace } from "@shared/config/namespaces";
import type { ConfigByNamespace } from "@shared/config/schemas";
import { titleCase } from "../../config/labels";
import { ActionBuilder } from "./action/action-builder";
import { ApprovalBuilder } from "./approval-builder";
import { AutomationBuilder } from "./automation-builder";
import type { BuilderProps } from "./builder-props";
import { CalendarBuilder } from "./calendar-builder";
import { ConditionItemBuilder } from "./condition-item-builder";
import { DashboardBuilder } from "./dashboard-builder";
import { FormBuilder } from "./form/form-builder";
import { RoutingBuilder } from "./routing-builder";
import { SlaBuilder } from "./sla-builder";
import { ThemeBuilder } from "./theme-builder";
import { TriggerBuilder } from "./trigger-builder";
import { ViewBuilder } from "./view/view-builder";
import { WorkflowBuilder } from "./workflow/workflow-builder";

export const BUILDERS: { [N in Namespace]: ComponentType<BuilderProps<ConfigByNamespace[N]>> } = {
  form: FormBuilder,
  view: ViewBuilder,
  trigger: TriggerBuilder,
  condition: ConditionItemBuilder,
  action: ActionBuilder,
  automation: AutomationBuilder,
  workflow: WorkflowBuilder,
  approval: ApprovalBuilder,
  sla: SlaBuilder,
  calendar: CalendarBuilder,
  routing: RoutingBuilder,
  theme: ThemeBuilder,
  dashboard: DashboardBuilder,
};

export const NAMESPACE_LABELS: Record<Namespace, string> = {
  form: "Form",
  view: "View",
  trigger: "Trigger",
  condition: "Named condition",
  action: "Action",
  automation: "Automation",
  workflow: "Workflow",
  approval: "Approval",
  sla: "SLA policy",
  calendar: "Calendar",
  routing: "Routing rule",
  theme: "Theme",
  dashboard: "Dashboard",
};

const workday: [string, string][] = [["09:00", "17:00"]];

/** A form's title names one record ("Company"); navigation makes it plural again. */
export function singularTitle(entity: string): string {
  const title = titleCase(entity);
  if (/ies$/.test(title)) return title.replace(/ies$/, "y");
  return /[^s]s$/.test(title) ? title.slice(0, -1) : title;
}

/** What a new item starts as; `firstField` is a field of the entity's default form. */
export const TEMPLATES: { [N in Namespace]: (entity: string, firstField: string) => ConfigByNamespace[N] } = {
  form: (entity) => ({
    title: singularTitle(entity),
    fields: [{ name: "name", label: "Name", type: "text", required: true }],
  }),
  view: (entity, field) => ({ title: `All ${titleCase(entity).toLowerCase()}`, type: "table", columns: [{ field }] }),
  trigger: () => ({ on: "create" }),
  condition: (_entity, field) => ({ field, op: "isNotEmpty" }),
  action: () => ({ type: "create_activity", title: "Follow up on {{record.name}}", assignee: "$owner", dueIn: "1d" }),
  automation: () => ({ trigger: "", actions: [], enabled: true }),
  workflow: () => ({
    initial: "open",
    steps: [
      { key: "open", label: "Open", category: "open" },
      { key: "done", label: "Done", category: "closed" },
    ],
    transitions: [{ from: "open", to: "done" }],
  }),
  approval: () => ({ steps: [{ name: "Manager", approvers: { role: "manager" }, mode: "any" }] }),
  sla: () => ({
    targets: [{ metric: "resolution", minutes: 480, stopWhen: { field: "status", op: "eq", value: "done" } }],
  }),
  calendar: () => ({
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    hours: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
  }),
  routing: () => ({ strategy: "round_robin", members: { role: "agent" } }),
  theme: () => ({ name: "My workspace", colors: { primary: "#4f46e5" }, defaultMode: "system" }),
  dashboard: () => ({ title: "Overview", widgets: [{ type: "metric", title: "Open cases", metric: "cases.open" }] }),
};
