import { setItem, type Snapshot } from "./snapshot";
import { demoItems, type DemoItems } from "./starter-demo";
import { caseForm, customerForm, dealForm } from "./starter-forms";
import {
  agentRouting,
  businessHours,
  caseSlas,
  caseWorkflow,
  dealWorkflow,
  defaultDashboard,
  defaultTheme,
} from "./starter-policies";
import { caseViews, customerViews, dealViews } from "./starter-views";

// Built fresh on every call, so callers may keep or change what they get.

/** Version 1 of every new tenant: customers, deals and cases, ready to use. */
export function starterSnapshot(): Snapshot {
  return {
    form: {
      customers: { default: customerForm() },
      deals: { default: dealForm() },
      cases: { default: caseForm() },
    },
    view: { customers: customerViews(), deals: dealViews(), cases: caseViews() },
    workflow: { deals: { default: dealWorkflow() }, cases: { default: caseWorkflow() } },
    sla: { cases: caseSlas() },
    calendar: { tenant: { business_hours: businessHours() } },
    routing: { cases: { agents: agentRouting() } },
    theme: { tenant: { default: defaultTheme() } },
    dashboard: { tenant: { default: defaultDashboard() } },
  };
}

/** The starter plus a few published automations with their triggers, conditions and actions. */
export function demoSnapshot(): Snapshot {
  let snapshot = starterSnapshot();
  for (const [ns, entities] of Object.entries(demoItems()) as [keyof DemoItems, DemoItems[keyof DemoItems]][]) {
    for (const [entity, items] of Object.entries(entities)) {
      for (const [key, config] of Object.entries(items)) snapshot = setItem(snapshot, ns, entity, key, config);
    }
  }
  return snapshot;
}
