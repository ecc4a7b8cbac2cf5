import type { ActionConfig } from "./action";
import type { AutomationConfig } from "./automation";
import type { Condition } from "./condition";
import type { TriggerConfig } from "./trigger";

type Items<T> = Record<string, Record<string, T>>;
export type DemoItems = {
  trigger: Items<TriggerConfig>;
  condition: Items<Condition>;
  action: Items<ActionConfig>;
  automation: Items<AutomationConfig>;
};

// A few automations that show what the engine does, for demo tenants and tests.
export function demoItems(): DemoItems {
  return {
    trigger: {
      deals: { won: { on: "update", when: { field: "status", op: "changedTo", value: "won" } } },
      cases: { created: { on: "create" }, sla_breached: { on: "sla.breached" } },
      customers: { created: { on: "create" } },
    },
    condition: {
      cases: { urgent: { field: "priority", op: "eq", value: "urgent" } },
    },
    action: {
      deals: {
        kickoff_activity: {
          type: "create_activity",
          title: "Kick-off with {{record.name}}",
          assignee: "$owner",
          dueIn: "2d",
        },
      },
      cases: {
        route_to_agent: { type: "assign", routing: "agents" },
        notify_managers: { type: "notify", message: "Urgent case: {{record.subject}}", to: { role: "manager" } },
        notify_breach: { type: "notify", message: "SLA breached on case: {{record.subject}}", to: { role: "manager" } },
      },
      customers: {
        welcome_call: {
          type: "create_activity",
          title: "Welcome call with {{record.name}}",
          assignee: "$owner",
          dueIn: "1d",
        },
      },
    },
    automation: {
      deals: {
        won_kickoff: {
          trigger: "won",
          actions: ["kickoff_activity"],
          enabled: true,
          description: "Schedule a kick-off call when a deal is won",
        },
      },
      cases: {
        auto_assign: {
          trigger: "created",
          actions: ["route_to_agent"],
          enabled: true,
          description: "Round-robin new cases over the agents",
        },
        urgent_alert: {
          trigger: "created",
          conditions: ["urgent"],
          actions: ["notify_managers"],
          enabled: true,
          description: "Tell the managers about urgent cases",
        },
        breach_alert: {
          trigger: "sla_breached",
          actions: ["notify_breach"],
          enabled: true,
          description: "Escalate SLA breaches to the managers",
        },
      },
      customers: {
        welcome: {
          trigger: "created",
          actions: ["welcome_call"],
          enabled: true,
          description: "Schedule a welcome call for new customers",
        },
      },
    },
  };
}
