// The config module's public surface. Importing a single file (e.g. "./evaluate") is fine too
// and keeps the web bundle small.
export * from "./action";
export * from "./approval";
export * from "./automation";
export * from "./calendar";
export * from "./common";
export * from "./condition";
export * from "./cron";
export * from "./dashboard";
export * from "./diff";
export * from "./evaluate";
export * from "./field-types";
export * from "./form";
export * from "./hash";
export * from "./issues";
export * from "./namespaces";
export * from "./redact";
export * from "./routing";
export * from "./schemas";
export * from "./sla";
export * from "./snapshot";
export * from "./starter";
export * from "./theme";
export * from "./trigger";
export * from "./validate";
export * from "./view";
export * from "./workflow";
