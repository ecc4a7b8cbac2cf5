import { describe, expect, it } from "vitest";
import { NAMESPACES, configSchemas } from "../../../../worker/shared/config/schemas";
import { errorsOf, pathsOf } from "./helpers";

describe("configSchemas", () => {
  it("has a schema for every namespace", () => {
    expect(Object.keys(configSchemas).sort()).toEqual([...NAMESPACES].sort());
  });
});

describe("view", () => {
  const view = {
    title: "Open cases",
    type: "table",
    columns: [{ field: "subject", label: "Subject", width: 240 }, { field: "priority" }],
    filter: { all: [{ field: "status", op: "nin", value: ["resolved", "closed"] }] },
    sort: [{ field: "createdAt", dir: "desc" }],
    pageSize: 50,
    roles: ["agent", "manager"],
  };
  it("accepts a table and a kanban", () => {
    expect(errorsOf("view", view)).toEqual([]);
    expect(errorsOf("view", { ...view, type: "kanban", groupBy: "status" })).toEqual([]);
  });
  it("rejects bad shapes at their paths", () => {
    expect(pathsOf("view", { ...view, type: "grid" })).toEqual(["type"]);
    expect(pathsOf("view", { ...view, type: "kanban" })).toEqual(["groupBy"]);
    expect(pathsOf("view", { ...view, columns: [] })).toEqual(["columns"]);
    expect(pathsOf("view", { ...view, sort: [{ field: "subject", dir: "up" }] })).toEqual(["sort[0].dir"]);
    expect(pathsOf("view", { ...view, pageSize: 0 })).toEqual(["pageSize"]);
    expect(pathsOf("view", { ...view, roles: ["owner"] })).toEqual(["roles[0]"]);
    expect(pathsOf("view", { ...view, columns: [{ field: "subject", hidden: true }] })).toEqual(["columns[0].hidden"]);
  });
});

describe("trigger", () => {
  it("accepts every kind", () => {
    const ok = [
      { on: "create" },
      { on: "delete" },
      { on: "update", when: { field: "status", op: "changedTo", value: "resolved" } },
      { on: "webhook", secret: { $secret: "HOOK_SECRET" } },
      { on: "schedule", cron: "0 9 * * 1-5", timezone: "Europe/Berlin" },
      { on: "sla.warning", policy: "standard" },
      { on: "sla.breached" },
      { on: "approval.decided" },
    ];
    for (const t of ok) expect(errorsOf("trigger", t), JSON.stringify(t)).toEqual([]);
  });
  it("rejects bad shapes at their paths", () => {
    expect(pathsOf("trigger", { on: "tuesday" })).toEqual(["on"]);
    expect(pathsOf("trigger", { on: "webhook" })).toEqual(["secret"]);
    // A literal secret is refused with the way out: store it and refer to it.
    expect(errorsOf("trigger", { on: "webhook", secret: "s3cret" })).toEqual([
      { path: "secret", message: expect.stringMatching(/reference to a secret.*PUT \/api\/admin\/secrets/) },
    ]);
    expect(pathsOf("trigger", { on: "webhook", secret: { $secret: "lower" } })).toEqual(["secret.$secret"]);
    expect(pathsOf("trigger", { on: "create", secret: "x" })).toEqual(["secret"]);
    expect(pathsOf("trigger", { on: "schedule", cron: "every day" })).toEqual(["cron"]);
    expect(pathsOf("trigger", { on: "schedule", cron: "0 9 * * *", timezone: "Mars/Olympus" })).toEqual(["timezone"]);
    expect(pathsOf("trigger", { on: "update", when: { field: "status", op: "like", value: "x" } })).toEqual([
      "when.op",
    ]);
  });
});

describe("condition (named)", () => {
  it("accepts a condition and rejects trigger-only ops", () => {
    expect(
      errorsOf("condition", { any: [{ field: "priority", op: "eq", value: "urgent" }, { ref: "x_none" }] }).map(
        (e) => e.path,
      ),
    ).toEqual(["any[1].ref"]);
    expect(errorsOf("condition", { field: "priority", op: "eq", value: "urgent" })).toEqual([]);
    expect(pathsOf("condition", { field: "priority", op: "changedTo", value: "urgent" })).toEqual(["op"]);
  });
});

describe("action", () => {
  it("accepts every type", () => {
    const ok = [
      { type: "update_record", set: { priority: "high" } },
      { type: "create_record", entity: "customers", values: { name: "Onboard {{record.subject}}" } },
      { type: "create_activity", title: "Call {{record.subject}}", assignee: "$owner", dueIn: "2d" },
      { type: "create_activity", title: "Call", assignee: "user_123" },
      { type: "create_activity", title: "Call", assignee: { role: "manager" } },
      { type: "assign", routing: "agents" },
      { type: "transition", to: "resolved" },
      { type: "send_email", to: "{{record.email}}", subject: "Hi", body: "Hello" },
      {
        type: "webhook",
        url: "https://example.com/hook",
        method: "POST",
        body: { id: "{{record.id}}" },
        headers: { "x-token": { $secret: "CRM_TOKEN" } },
        secret: { $secret: "SIGNING_KEY" },
      },
      { type: "notify", message: "Look", to: { role: "manager" } },
    ];
    for (const a of ok) expect(errorsOf("action", a), JSON.stringify(a)).toEqual([]);
  });
  it("rejects bad shapes at their paths", () => {
    expect(pathsOf("action", { type: "explode" })).toEqual(["type"]);
    expect(pathsOf("action", { type: "update_record", set: {} })).toEqual(["set"]);
    expect(pathsOf("action", { type: "update_record", set: { "bad-name": 1 } })).toEqual(['set["bad-name"]']);
    expect(pathsOf("action", { type: "create_activity", title: "x", assignee: "$boss" })).toEqual(["assignee"]);
    expect(pathsOf("action", { type: "create_activity", title: "x", assignee: { role: "boss" } })).toEqual([
      "assignee.role",
    ]);
    expect(pathsOf("action", { type: "create_activity", title: "x", assignee: "$owner", dueIn: "soon" })).toEqual([
      "dueIn",
    ]);
    expect(pathsOf("action", { type: "webhook", url: "ftp://example.com" })).toEqual(["url"]);
    expect(pathsOf("action", { type: "notify", message: "x", to: { role: "manager", users: ["u1"] } })).toEqual(["to"]);
    expect(pathsOf("action", { type: "send_email", to: "a@b.c", subject: "s" })).toEqual(["body"]);
  });
});

describe("automation", () => {
  it("accepts the documented shape and rejects bad ones", () => {
    const snapshotless = { entity: "cases" };
    expect(pathsOf("automation", { trigger: "T", actions: ["a"] }, snapshotless)).toContain("trigger");
    expect(pathsOf("automation", { trigger: "t", actions: [] }, snapshotless)).toEqual(["actions"]);
    expect(pathsOf("automation", { trigger: "t", actions: ["a"], enabled: "yes" }, snapshotless)).toContain("enabled");
    expect(pathsOf("automation", { trigger: "t", actions: ["a"], extra: 1 }, snapshotless)).toContain("extra");
  });
});

describe("workflow", () => {
  const wf = {
    initial: "a",
    steps: [
      { key: "a", label: "A", probability: 10, category: "open" },
      { key: "b", label: "B", category: "won" },
    ],
    transitions: [{ from: "a", to: "b", roles: ["agent"], when: { field: "priority", op: "eq", value: "high" } }],
    allowAnyToAny: false,
  };
  it("accepts a workflow", () => {
    expect(errorsOf("workflow", wf)).toEqual([]);
  });
  it("needs the initial step and transition ends to exist", () => {
    expect(pathsOf("workflow", { ...wf, initial: "z" })).toEqual(["initial"]);
    expect(
      pathsOf("workflow", {
        ...wf,
        transitions: [
          { from: "a", to: "z" },
          { from: "y", to: "a" },
        ],
      }),
    ).toEqual(["transitions[0].to", "transitions[1].from"]);
    expect(pathsOf("workflow", { ...wf, steps: [...wf.steps, { key: "a", label: "Again" }] })).toEqual([
      "steps[2].key",
    ]);
    expect(
      pathsOf("workflow", { ...wf, steps: [{ key: "a", label: "A", probability: 120 }], transitions: [] }),
    ).toEqual(["steps[0].probability"]);
    expect(
      pathsOf("workflow", { ...wf, steps: [{ key: "a", label: "A", category: "done" }], transitions: [] }),
    ).toEqual(["steps[0].category"]);
  });
});

describe("approval", () => {
  const ap = {
    when: { field: "priority", op: "eq", value: "urgent" },
    steps: [
      { name: "Manager", approvers: { role: "manager" }, mode: "any", dueIn: "1d" },
      { name: "Named", approvers: { users: ["u1"] }, mode: "all" },
    ],
  };
  it("accepts an approval", () => {
    expect(errorsOf("approval", ap)).toEqual([]);
  });
  it("rejects bad shapes", () => {
    expect(pathsOf("approval", { ...ap, steps: [] })).toEqual(["steps"]);
    expect(pathsOf("approval", { steps: [{ name: "M", approvers: {}, mode: "any" }] })).toEqual(["steps[0].approvers"]);
    expect(pathsOf("approval", { steps: [{ name: "M", approvers: { role: "manager" }, mode: "most" }] })).toEqual([
      "steps[0].mode",
    ]);
    expect(pathsOf("approval", { steps: [{ name: "M", approvers: { users: [] }, mode: "any" }] })).toEqual([
      "steps[0].approvers.users",
    ]);
  });
});

describe("sla", () => {
  const sla = {
    when: { field: "priority", op: "in", value: ["high", "urgent"] },
    calendar: "business_hours",
    targets: [
      { metric: "first_response", minutes: 60, stopWhen: { field: "firstResponseAt", op: "isNotEmpty" } },
      { metric: "resolution", minutes: 480.5, stopWhen: { field: "status", op: "in", value: ["resolved", "closed"] } },
    ],
    pauseWhen: { field: "status", op: "eq", value: "waiting_on_customer" },
    warnAtPercent: [50, 75],
  };
  it("accepts an sla", () => {
    expect(errorsOf("sla", sla)).toEqual([]);
  });
  it("rejects bad shapes", () => {
    expect(pathsOf("sla", { ...sla, targets: [] })).toEqual(["targets"]);
    expect(pathsOf("sla", { ...sla, targets: [{ ...sla.targets[0], minutes: 0 }] })).toEqual(["targets[0].minutes"]);
    expect(pathsOf("sla", { ...sla, targets: [sla.targets[0], sla.targets[0]] })).toEqual(["targets[1].metric"]);
    expect(pathsOf("sla", { ...sla, warnAtPercent: [150] })).toEqual(["warnAtPercent[0]"]);
    expect(pathsOf("sla", { ...sla, pauseWhen: { field: "status", op: "changed" } })).toEqual(["pauseWhen.op"]);
  });
});

describe("calendar", () => {
  const cal = {
    timezone: "America/New_York",
    hours: {
      mon: [
        ["09:00", "12:00"],
        ["13:00", "17:00"],
      ],
      sat: [],
    },
    holidays: ["2026-12-25"],
  };
  it("accepts a calendar (also running to midnight)", () => {
    expect(errorsOf("calendar", cal)).toEqual([]);
    expect(errorsOf("calendar", { timezone: "UTC", hours: { sun: [["00:00", "24:00"]] } })).toEqual([]);
  });
  it("rejects bad hours, zones and holidays", () => {
    expect(pathsOf("calendar", { ...cal, timezone: "Nowhere/City" })).toEqual(["timezone"]);
    expect(pathsOf("calendar", { ...cal, hours: { mon: [["17:00", "09:00"]] } })).toEqual(["hours.mon[0][1]"]);
    expect(pathsOf("calendar", { ...cal, hours: { mon: [["9:00", "17:00"]] } })).toEqual(["hours.mon[0][0]"]);
    expect(
      pathsOf("calendar", {
        ...cal,
        hours: {
          mon: [
            ["09:00", "13:00"],
            ["12:00", "17:00"],
          ],
        },
      }),
    ).toEqual(["hours.mon[1][0]"]);
    expect(pathsOf("calendar", { ...cal, hours: { monday: [["09:00", "17:00"]] } })).toEqual(["hours.monday", "hours"]);
    expect(pathsOf("calendar", { ...cal, hours: {} })).toEqual(["hours"]);
    expect(pathsOf("calendar", { ...cal, holidays: ["25/12/2026"] })).toEqual(["holidays[0]"]);
  });
  it("lives under the entity tenant", () => {
    expect(errorsOf("calendar", cal, { entity: "cases" })).toEqual([
      { path: "", message: expect.stringContaining('"tenant"') },
    ]);
  });
});

describe("routing", () => {
  it("accepts both strategies and rejects bad ones", () => {
    expect(
      errorsOf("routing", {
        strategy: "least_open",
        members: { users: ["u1", "u2"] },
        when: { field: "priority", op: "eq", value: "high" },
      }),
    ).toEqual([]);
    expect(pathsOf("routing", { strategy: "random", members: { role: "agent" } })).toEqual(["strategy"]);
    expect(pathsOf("routing", { strategy: "round_robin", members: { team: "x" } })).toEqual([
      "members.team",
      "members",
    ]);
  });
});

describe("theme", () => {
  const theme = {
    name: "Acme Support",
    logoUrl: "https://acme.test/logo.png",
    colors: { primary: "#4f46e5", accent: "#0ea5e9" },
    defaultMode: "dark",
  };
  it("accepts a theme and rejects bad ones", () => {
    expect(errorsOf("theme", theme, { key: "default" })).toEqual([]);
    expect(pathsOf("theme", { ...theme, colors: { primary: "indigo" } })).toEqual(["colors.primary"]);
    expect(pathsOf("theme", { ...theme, colors: {} })).toEqual(["colors.primary"]);
    expect(pathsOf("theme", { ...theme, defaultMode: "sepia" })).toEqual(["defaultMode"]);
    expect(pathsOf("theme", { ...theme, logoUrl: "javascript:alert(1)" })).toEqual(["logoUrl"]);
    expect(pathsOf("theme", theme, { entity: "deals" })).toEqual([""]);
  });
});

describe("dashboard", () => {
  const dash = {
    title: "Sales",
    widgets: [{ type: "metric", title: "Pipeline", metric: "deals.pipelineValue", entity: "deals", view: "open" }],
  };
  it("accepts a dashboard and rejects bad ones", () => {
    expect(errorsOf("dashboard", dash)).toEqual([]);
    expect(pathsOf("dashboard", { ...dash, widgets: [{ type: "gauge", title: "x", metric: "deals.won" }] })).toEqual([
      "widgets[0].type",
    ]);
    expect(pathsOf("dashboard", { ...dash, widgets: [{ type: "bar", title: "x", metric: "won" }] })).toEqual([
      "widgets[0].metric",
    ]);
    expect(
      pathsOf("dashboard", { ...dash, widgets: [{ type: "table", title: "x", metric: "deals.won", view: "open" }] }),
    ).toEqual(["widgets[0].entity"]);
  });
});

describe("entities and keys", () => {
  it("rejects bad names and reserved entities", () => {
    const routing = { strategy: "round_robin", members: { role: "agent" } };
    expect(errorsOf("routing", routing, { key: "Bad-Key" })).toEqual([
      { path: "", message: expect.stringContaining("key") },
    ]);
    expect(
      pathsOf(
        "form",
        { title: "X", fields: [{ name: "a", label: "A", type: "text" }] },
        { entity: "activities", key: "default" },
      ),
    ).toEqual([""]);
  });
});
