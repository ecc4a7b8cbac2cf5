// The demo tenant every `npm run dev` seeds (idempotently), and its logins.
export const DEMO_PASSWORD = "pulse-demo-2026";
export const DEMO_TENANT = { name: "Acme", slug: "acme" };
// The sign-up template the demo tenant is registered with (worker/shared/config/templates).
export const DEMO_TEMPLATE = "complete";

export const DEMO_USERS = [
  { email: "admin@acme.test", name: "Ada Admin", role: "admin" },
  { email: "manager@acme.test", name: "Max Manager", role: "manager" },
  { email: "agent@acme.test", name: "Alex Agent", role: "agent" },
  { email: "viewer@acme.test", name: "Vic Viewer", role: "read_only" },
] as const;
