// Config and records for the renderer tests: one form with every field type, views, a workflow.
import type { FormConfig } from "@shared/config/form";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { CrmRecord, Snapshot } from "../../../web/src/api/types";

export function everyFieldForm(): FormConfig {
  return {
    title: "Account",
    fields: [
      { name: "name", label: "Name", type: "text", required: true, maxLength: 20, help: "The account's name" },
      { name: "notes", label: "Notes", type: "textarea", placeholder: "Anything to add" },
      { name: "email", label: "Email", type: "email" },
      { name: "phone", label: "Phone", type: "phone" },
      { name: "site", label: "Website", type: "url" },
      { name: "seats", label: "Seats", type: "number", min: 1 },
      { name: "revenue", label: "Revenue", type: "currency", access: { read: "agent", write: "manager" } },
      { name: "discount", label: "Discount", type: "percent", max: 50 },
      { name: "renewal", label: "Renewal", type: "date" },
      { name: "lastCall", label: "Last call", type: "datetime" },
      { name: "vip", label: "VIP", type: "boolean" },
      {
        name: "tier",
        label: "Tier",
        type: "select",
        default: "silver",
        options: [
          { value: "gold", label: "Gold" },
          { value: "silver", label: "Silver" },
          { value: "churned", label: "Churned" },
        ],
      },
      {
        name: "tags",
        label: "Tags",
        type: "multiselect",
        options: [
          { value: "a", label: "Alpha" },
          { value: "b", label: "Beta" },
        ],
      },
      { name: "parent", label: "Parent", type: "reference", entity: "customers" },
      { name: "owner", label: "Account owner", type: "user" },
      {
        name: "churnReason",
        label: "Why they left",
        type: "textarea",
        visibleWhen: { field: "tier", op: "eq", value: "churned" },
        requiredWhen: { field: "tier", op: "eq", value: "churned" },
      },
      { name: "secret", label: "Secret", type: "text", access: { read: "manager" } },
      { name: "code", label: "Code", type: "text", readOnly: true, default: "A-1" },
    ],
    sections: [
      { title: "Basics", fields: ["name", "email", "phone", "site", "tier", "churnReason"] },
      { title: "Money", fields: ["seats", "revenue", "discount"] },
    ],
  };
}

export function dealWorkflow(): WorkflowConfig {
  return {
    initial: "lead",
    steps: [
      { key: "lead", label: "Lead", category: "open" },
      { key: "qualified", label: "Qualified", category: "open" },
      { key: "won", label: "Won", category: "won" },
    ],
    transitions: [
      { from: "lead", to: "qualified" },
      { from: "qualified", to: "won" },
    ],
  };
}

export function crmSnapshot(extra: Snapshot = {}): Snapshot {
  return {
    form: {
      accounts: { default: everyFieldForm() },
      customers: { default: { title: "Customer", fields: [{ name: "name", label: "Name", type: "text" }] } },
      deals: {
        default: {
          title: "Deal",
          fields: [
            { name: "name", label: "Deal", type: "text", required: true },
            { name: "customer", label: "Customer", type: "reference", entity: "customers" },
            { name: "amount", label: "Amount", type: "currency" },
            { name: "closeDate", label: "Close", type: "date" },
            { name: "won", label: "Won?", type: "boolean" },
            {
              name: "source",
              label: "Source",
              type: "select",
              options: [
                { value: "web", label: "Website" },
                { value: "ref", label: "Referral" },
              ],
            },
            {
              name: "labels",
              label: "Labels",
              type: "multiselect",
              options: [
                { value: "hot", label: "Hot" },
                { value: "big", label: "Big" },
              ],
            },
          ],
        },
      },
    },
    view: {
      deals: {
        all: {
          title: "All deals",
          type: "table",
          columns: [
            { field: "name", width: 200 },
            { field: "amount", label: "Value" },
            { field: "status" },
            { field: "closeDate" },
            { field: "source" },
            { field: "labels" },
            { field: "customer" },
            { field: "won" },
          ],
        },
        pipeline: {
          title: "Pipeline",
          type: "kanban",
          groupBy: "status",
          columns: [{ field: "name" }, { field: "amount" }],
        },
        bySource: { title: "By source", type: "kanban", groupBy: "source", columns: [{ field: "name" }] },
      },
    },
    workflow: { deals: { default: dealWorkflow() } },
    ...extra,
  };
}

let n = 0;
export function makeRecord(entity: string, data: Record<string, unknown>, extra: Partial<CrmRecord> = {}): CrmRecord {
  n += 1;
  return {
    id: `r${n}`,
    entity,
    data,
    version: 1,
    createdAt: "2026-01-02T10:00:00.000Z",
    updatedAt: "2026-01-02T10:00:00.000Z",
    createdBy: "u1",
    updatedBy: "u1",
    ownerId: "u1",
    ...extra,
  };
}
