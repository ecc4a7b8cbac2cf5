import type { FormConfig } from "./form";

// The default forms of the three entities every tenant starts with.

export function customerForm(): FormConfig {
  return {
    title: "Customer",
    fields: [
      { name: "name", label: "Name", type: "text", required: true, maxLength: 200 },
      { name: "email", label: "Email", type: "email", unique: true, maxLength: 320 },
      { name: "phone", label: "Phone", type: "phone", maxLength: 50 },
      { name: "company", label: "Company", type: "text", maxLength: 200 },
      {
        name: "tier",
        label: "Tier",
        type: "select",
        options: [
          { value: "gold", label: "Gold" },
          { value: "silver", label: "Silver" },
          { value: "bronze", label: "Bronze" },
          { value: "churned", label: "Churned" },
        ],
        default: "silver",
      },
      {
        name: "revenue",
        label: "Annual revenue",
        type: "currency",
        min: 0,
        access: { read: "agent", write: "manager" },
      },
      { name: "notes", label: "Notes", type: "textarea", maxLength: 10_000 },
      {
        name: "churnReason",
        label: "Why they left",
        type: "textarea",
        maxLength: 2000,
        visibleWhen: { field: "tier", op: "eq", value: "churned" },
        requiredWhen: { field: "tier", op: "eq", value: "churned" },
      },
    ],
    sections: [
      { title: "Contact", fields: ["name", "email", "phone", "company"] },
      { title: "Account", fields: ["tier", "revenue", "churnReason"] },
      { title: "Notes", fields: ["notes"] },
    ],
    submit: { label: "Save customer" },
  };
}

export function dealForm(): FormConfig {
  return {
    title: "Deal",
    fields: [
      { name: "name", label: "Deal", type: "text", required: true, maxLength: 200 },
      { name: "customer", label: "Customer", type: "reference", entity: "customers" },
      { name: "amount", label: "Amount", type: "currency", min: 0 },
      { name: "closeDate", label: "Expected close", type: "date" },
      {
        name: "source",
        label: "Source",
        type: "select",
        options: [
          { value: "inbound", label: "Inbound" },
          { value: "outbound", label: "Outbound" },
          { value: "referral", label: "Referral" },
          { value: "partner", label: "Partner" },
          { value: "event", label: "Event" },
        ],
      },
      { name: "discount", label: "Discount", type: "percent", min: 0, max: 100, default: 0 },
      // Follows the pipeline step (each step of the deals workflow names its probability).
      { name: "probability", label: "Probability", type: "percent", min: 0, max: 100, readOnly: true },
      { name: "notes", label: "Notes", type: "textarea", maxLength: 10_000 },
    ],
    sections: [
      { title: "Deal", fields: ["name", "customer", "source"] },
      { title: "Value", fields: ["amount", "discount", "probability", "closeDate"] },
      { title: "Notes", fields: ["notes"] },
    ],
    submit: { label: "Save deal" },
  };
}

export function caseForm(): FormConfig {
  return {
    title: "Case",
    fields: [
      { name: "subject", label: "Subject", type: "text", required: true, maxLength: 300 },
      { name: "customer", label: "Customer", type: "reference", entity: "customers" },
      {
        name: "priority",
        label: "Priority",
        type: "select",
        required: true,
        options: [
          { value: "low", label: "Low" },
          { value: "normal", label: "Normal" },
          { value: "high", label: "High" },
          { value: "urgent", label: "Urgent" },
        ],
        default: "normal",
      },
      {
        name: "channel",
        label: "Channel",
        type: "select",
        // The inbox opens cases from email, chat and web messages.
        options: [
          { value: "email", label: "Email" },
          { value: "chat", label: "Chat" },
          { value: "web", label: "Web" },
          { value: "phone", label: "Phone" },
        ],
      },
      { name: "description", label: "Description", type: "textarea", maxLength: 20_000 },
      { name: "firstResponseAt", label: "First response", type: "datetime", help: "Stops the first-response SLA" },
      { name: "assignee", label: "Assignee", type: "user" },
    ],
    sections: [
      { title: "Case", fields: ["subject", "customer", "priority", "channel"] },
      { title: "Details", fields: ["description"] },
      { title: "Handling", fields: ["assignee", "firstResponseAt"] },
    ],
    submit: { label: "Save case" },
  };
}
