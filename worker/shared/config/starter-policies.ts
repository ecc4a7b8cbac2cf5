import type { CalendarConfig } from "./calendar";
import type { DashboardConfig } from "./dashboard";
import type { RoutingConfig } from "./routing";
import type { SlaConfig } from "./sla";
import type { ThemeConfig } from "./theme";
import type { WorkflowConfig } from "./workflow";

// Workflows, service levels and tenant-wide settings every tenant starts with.

// Moving a closed-out deal or case back is a judgement call, so only managers (and admins) may.
const SENIOR = ["manager", "admin"] as const;

export function dealWorkflow(): WorkflowConfig {
  const open = ["lead", "qualified", "proposal", "negotiation"];
  return {
    initial: "lead",
    steps: [
      { key: "lead", label: "Lead", probability: 10, category: "open" },
      { key: "qualified", label: "Qualified", probability: 25, category: "open" },
      { key: "proposal", label: "Proposal", probability: 50, category: "open" },
      { key: "negotiation", label: "Negotiation", probability: 75, category: "open" },
      { key: "won", label: "Won", probability: 100, category: "won" },
      { key: "lost", label: "Lost", probability: 0, category: "lost" },
    ],
    transitions: [
      { from: "lead", to: "qualified" },
      { from: "qualified", to: "proposal" },
      { from: "proposal", to: "negotiation" },
      { from: "negotiation", to: "won" },
      // A step back when a deal stalls.
      { from: "qualified", to: "lead" },
      { from: "proposal", to: "qualified" },
      { from: "negotiation", to: "proposal" },
      ...open.map((from) => ({ from, to: "lost" })),
      { from: "lost", to: "lead", roles: [...SENIOR] },
      { from: "won", to: "negotiation", roles: [...SENIOR] },
    ],
  };
}

export function caseWorkflow(): WorkflowConfig {
  return {
    initial: "new",
    steps: [
      { key: "new", label: "New", category: "open" },
      { key: "open", label: "Open", category: "open" },
      { key: "waiting_on_customer", label: "Waiting on customer", category: "open" },
      { key: "resolved", label: "Resolved", category: "closed" },
      { key: "closed", label: "Closed", category: "closed" },
    ],
    transitions: [
      { from: "new", to: "open" },
      { from: "new", to: "waiting_on_customer" },
      { from: "new", to: "resolved" },
      { from: "open", to: "waiting_on_customer" },
      { from: "waiting_on_customer", to: "open" },
      { from: "open", to: "resolved" },
      { from: "waiting_on_customer", to: "resolved" },
      { from: "resolved", to: "closed" },
      { from: "resolved", to: "open" }, // the customer says it is not fixed
      { from: "closed", to: "open", roles: [...SENIOR] },
    ],
  };
}

export function businessHours(): CalendarConfig {
  const day = (): [string, string][] => [["09:00", "17:00"]];
  return {
    timezone: "America/New_York",
    hours: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day() },
    holidays: [],
  };
}

const firstResponse = (minutes: number): SlaConfig["targets"][number] => ({
  metric: "first_response",
  minutes,
  stopWhen: { field: "firstResponseAt", op: "isNotEmpty" },
});
const resolution = (minutes: number): SlaConfig["targets"][number] => ({
  metric: "resolution",
  minutes,
  stopWhen: { field: "status", op: "in", value: ["resolved", "closed"] },
});

// Urgent cases run on their own, tighter, round-the-clock clock; the standard one skips them
// so a case never carries two sets of timers.
export function caseSlas(): Record<string, SlaConfig> {
  const waiting = { field: "status", op: "eq", value: "waiting_on_customer" } as const;
  return {
    standard: {
      when: { field: "priority", op: "nin", value: ["urgent"] },
      calendar: "business_hours",
      targets: [firstResponse(60), resolution(480)],
      pauseWhen: { ...waiting },
      warnAtPercent: [75],
    },
    urgent: {
      when: { field: "priority", op: "eq", value: "urgent" },
      targets: [firstResponse(15), resolution(240)],
      pauseWhen: { ...waiting },
      warnAtPercent: [50, 75],
    },
  };
}

export function agentRouting(): RoutingConfig {
  return { strategy: "round_robin", members: { role: "agent" } };
}

export function defaultTheme(): ThemeConfig {
  return { name: "Pulse-8", colors: { primary: "#4f46e5", accent: "#0ea5e9" }, defaultMode: "system" };
}

export function defaultDashboard(): DashboardConfig {
  return {
    title: "Overview",
    widgets: [
      { type: "metric", title: "Customers", metric: "customers.total", entity: "customers", view: "all" },
      { type: "metric", title: "Pipeline value", metric: "deals.pipelineValue", entity: "deals", view: "open" },
      { type: "bar", title: "Deals by stage", metric: "deals.byStage", entity: "deals", view: "pipeline" },
      { type: "pie", title: "Cases by status", metric: "cases.byStatus", entity: "cases", view: "open" },
      { type: "metric", title: "SLA compliance", metric: "cases.slaCompliance", entity: "cases" },
      { type: "metric", title: "Overdue activities", metric: "activities.overdue" },
    ],
  };
}
