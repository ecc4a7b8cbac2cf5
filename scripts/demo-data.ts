// Demo records for the Acme tenant: enough customers, deals across the pipeline, cases and inbox
// threads that every screen has something to show on first run.

export const DEMO_CUSTOMERS = [
  ["Globex Corporation", "ops@globex.test", "gold", 1_200_000],
  ["Initech", "it@initech.test", "silver", 340_000],
  ["Umbrella Health", "care@umbrella.test", "gold", 2_750_000],
  ["Stark Industries", "pepper@stark.test", "gold", 9_100_000],
  ["Wayne Enterprises", "lucius@wayne.test", "silver", 4_300_000],
  ["Hooli", "gavin@hooli.test", "bronze", 120_000],
  ["Pied Piper", "richard@piedpiper.test", "bronze", 45_000],
  ["Vandelay Industries", "art@vandelay.test", "silver", 610_000],
  ["Soylent Foods", "orders@soylent.test", "bronze", 88_000],
  ["Tyrell Systems", "eldon@tyrell.test", "gold", 3_900_000],
  ["Cyberdyne", "miles@cyberdyne.test", "silver", 700_000],
  ["Oceanic Airlines", "crew@oceanic.test", "churned", 0],
] as const;

// [deal name, customer index, amount, steps to walk from "lead"]
export const DEMO_DEALS: [string, number, number, string[]][] = [
  ["Globex platform renewal", 0, 180_000, ["qualified", "proposal", "negotiation", "won"]],
  ["Initech support upgrade", 1, 24_000, ["qualified"]],
  ["Umbrella clinics rollout", 2, 320_000, ["qualified", "proposal"]],
  ["Stark R&D licences", 3, 540_000, ["qualified", "proposal", "negotiation"]],
  ["Wayne security suite", 4, 96_000, []],
  ["Hooli pilot", 5, 12_000, ["lost"]],
  ["Pied Piper compression add-on", 6, 8_500, ["qualified"]],
  ["Vandelay import tooling", 7, 41_000, ["qualified", "proposal", "negotiation", "won"]],
  ["Tyrell analytics", 9, 210_000, []],
  ["Cyberdyne integration", 10, 67_000, ["qualified", "proposal"]],
];

// [subject, customer index, priority, steps]
export const DEMO_CASES: [string, number, string, string[]][] = [
  ["Cannot export invoices", 0, "high", ["open"]],
  ["SSO login loops", 3, "urgent", []],
  ["Question about seat pricing", 1, "low", ["open", "waiting_on_customer"]],
  ["Data import stuck at 90%", 2, "normal", ["open", "resolved"]],
  ["Dashboard slow in the morning", 9, "normal", []],
];

export const DEMO_MESSAGES = [
  {
    channel: "email",
    externalId: "demo-mail-1",
    from: { email: "lucius@wayne.test", name: "Lucius Fox" },
    subject: "Audit log retention",
    body: "Hi team, how long do you keep audit logs? We need 7 years.",
  },
  {
    channel: "chat",
    externalId: "demo-chat-1",
    from: { email: "new.lead@bluth.test", name: "Michael Bluth" },
    subject: "Pricing for 40 seats",
    body: "Hey! Could you send pricing for 40 seats?",
  },
  {
    channel: "web",
    externalId: "demo-web-1",
    from: { email: "ops@globex.test", name: "Globex Ops" },
    subject: "Cannot export invoices",
    body: "Following up: the export still fails with a timeout.",
  },
] as const;
