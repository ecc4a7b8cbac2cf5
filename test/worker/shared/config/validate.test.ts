import { describe, expect, it } from "vitest";
import type { Namespace } from "../../../../worker/shared/config/namespaces";
import { removeItem, setItem, type Snapshot } from "../../../../worker/shared/config/snapshot";
import { demoSnapshot } from "../../../../worker/shared/config/starter";
import { splitErrorPath, validateItem, validateSnapshot } from "../../../../worker/shared/config/validate";

// The demo snapshot with one item replaced: every test breaks exactly one reference.
function withItem(
  ns: Namespace,
  entity: string,
  key: string,
  config: unknown,
  base: Snapshot = demoSnapshot(),
): Snapshot {
  return setItem(base, ns, entity, key, config);
}
const paths = (snapshot: Snapshot) => validateSnapshot(snapshot).map((e) => e.path);

const table = (extra: Record<string, unknown>) => ({
  title: "T",
  type: "table",
  columns: [{ field: "subject" }],
  ...extra,
});

describe("validateSnapshot: views", () => {
  it("columns, sort, groupBy and filters must name fields of the default form or system fields", () => {
    expect(
      paths(withItem("view", "cases", "v", table({ columns: [{ field: "subject" }, { field: "nope" }] }))),
    ).toEqual(["view/cases/v:columns[1].field"]);
    expect(paths(withItem("view", "cases", "v", table({ sort: [{ field: "nope", dir: "asc" }] })))).toEqual([
      "view/cases/v:sort[0].field",
    ]);
    expect(
      paths(
        withItem(
          "view",
          "cases",
          "v",
          table({
            filter: { all: [{ field: "status", op: "eq", value: "new" }, { not: { field: "nope", op: "isEmpty" } }] },
          }),
        ),
      ),
    ).toEqual(["view/cases/v:filter.all[1].not.field"]);
    expect(
      paths(
        withItem(
          "view",
          "cases",
          "v",
          table({ columns: [{ field: "id" }, { field: "ownerId" }, { field: "updatedAt" }] }),
        ),
      ),
    ).toEqual([]);
  });

  it("conditions must fit their fields' types (CONDITIONS.md), wherever they are", () => {
    const filter = (f: unknown) => paths(withItem("view", "cases", "v", table({ filter: f })));
    expect(filter({ field: "subject", op: "gt", value: 10 })).toEqual(["view/cases/v:filter.value"]);
    expect(filter({ field: "createdAt", op: "gte", value: "Alice 10" })).toEqual(["view/cases/v:filter.value"]);
    expect(filter({ field: "createdAt", op: "contains", value: "x" })).toEqual(["view/cases/v:filter.op"]);
    expect(filter({ field: "status", op: "in", value: ["new", 3] })).toEqual(["view/cases/v:filter.value[1]"]);
    expect(filter({ field: "ownerId", op: "eq", value: "$now" })).toEqual(["view/cases/v:filter.value"]);
    expect(
      filter({
        any: [
          { field: "createdAt", op: "gte", value: "$now-7d" },
          { field: "ownerId", op: "eq", value: "$user" },
          { field: "status", op: "nin", value: [null, "closed"] },
        ],
      }),
    ).toEqual([]);
    const sla = {
      when: { field: "subject", op: "startsWith", value: null },
      targets: [{ metric: "first", minutes: 60, stopWhen: { field: "status", op: "eq", value: "closed" } }],
    };
    expect(paths(withItem("sla", "cases", "s", sla))).toContain("sla/cases/s:when.value");
  });

  it("kanban needs groupBy, on a field that makes lanes", () => {
    expect(paths(withItem("view", "cases", "v", table({ type: "kanban" })))).toEqual(["view/cases/v:groupBy"]);
    expect(paths(withItem("view", "cases", "v", table({ type: "kanban", groupBy: "nope" })))).toEqual([
      "view/cases/v:groupBy",
    ]);
    expect(paths(withItem("view", "cases", "v", table({ type: "kanban", groupBy: "subject" })))).toEqual([
      "view/cases/v:groupBy",
    ]);
    expect(paths(withItem("view", "cases", "v", table({ type: "kanban", groupBy: "priority" })))).toEqual([]);
  });

  it("refs must name a condition of the same entity", () => {
    expect(paths(withItem("view", "cases", "v", table({ filter: { ref: "urgent" } })))).toEqual([]);
    expect(
      paths(withItem("view", "deals", "v", table({ columns: [{ field: "name" }], filter: { ref: "urgent" } }))),
    ).toEqual(["view/deals/v:filter.ref"]);
  });

  it("items of an entity without a default form are errors on the item", () => {
    const errors = validateSnapshot(withItem("view", "widgets", "all", table({})));
    expect(errors).toEqual([{ path: "view/widgets/all", message: expect.stringContaining("no default form") }]);
  });
});

describe("validateSnapshot: automations", () => {
  it("names existing trigger, conditions and actions of the same entity", () => {
    const s = withItem("automation", "cases", "a", {
      trigger: "won",
      conditions: ["urgent", "vip"],
      actions: ["route_to_agent", "kickoff_activity"],
    });
    expect(paths(s)).toEqual([
      "automation/cases/a:trigger",
      "automation/cases/a:conditions[1]",
      "automation/cases/a:actions[1]",
    ]);
  });

  it("reports a trigger removed from under an automation", () => {
    expect(paths(removeItem(demoSnapshot(), "trigger", "deals", "won"))).toEqual([
      "automation/deals/won_kickoff:trigger",
    ]);
  });
});

describe("validateSnapshot: triggers", () => {
  it("sla and approval triggers name existing policies", () => {
    expect(paths(withItem("trigger", "cases", "t", { on: "sla.warning", policy: "standard" }))).toEqual([]);
    expect(paths(withItem("trigger", "cases", "t", { on: "sla.breached", policy: "gold" }))).toEqual([
      "trigger/cases/t:policy",
    ]);
    expect(paths(withItem("trigger", "cases", "t", { on: "approval.decided", approval: "refund" }))).toEqual([
      "trigger/cases/t:approval",
    ]);
    expect(paths(withItem("trigger", "cases", "t", { on: "update", when: { field: "nope", op: "changed" } }))).toEqual([
      "trigger/cases/t:when.field",
    ]);
  });
});

describe("validateSnapshot: actions", () => {
  const check = (action: unknown, entity = "cases") => paths(withItem("action", entity, "x", action));

  it("assign names a routing and request_approval an approval of the entity", () => {
    expect(check({ type: "assign", routing: "agents" })).toEqual([]);
    expect(check({ type: "assign", routing: "agents" }, "deals")).toEqual(["action/deals/x:routing"]);
    expect(check({ type: "request_approval", approval: "refund" })).toEqual(["action/cases/x:approval"]);
  });

  it("transition names a step of the entity's default workflow", () => {
    expect(check({ type: "transition", to: "resolved" })).toEqual([]);
    expect(check({ type: "transition", to: "won" })).toEqual(["action/cases/x:to"]);
    expect(check({ type: "transition", to: "won" }, "customers")).toEqual(["action/customers/x:to"]);
  });

  it("update_record and create_record set fields that exist", () => {
    expect(check({ type: "update_record", set: { priority: "high", ownerId: "u1" } })).toEqual([]);
    expect(check({ type: "update_record", set: { priority: "high", mood: "sad" } })).toEqual([
      "action/cases/x:set.mood",
    ]);
    expect(check({ type: "create_record", entity: "deals", values: { name: "Upsell", amount: 5 } })).toEqual([]);
    expect(check({ type: "create_record", entity: "deals", values: { name: "Upsell", subject: "x" } })).toEqual([
      "action/cases/x:values.subject",
    ]);
    expect(check({ type: "create_record", entity: "invoices", values: { name: "x" } })).toEqual([
      "action/cases/x:entity",
    ]);
  });
});

describe("validateSnapshot: workflows, approvals, SLAs, routings, forms", () => {
  it("workflow transition conditions name fields", () => {
    const wf = {
      initial: "a",
      steps: [
        { key: "a", label: "A" },
        { key: "b", label: "B" },
      ],
      transitions: [{ from: "a", to: "b", when: { field: "nope", op: "isEmpty" } }],
    };
    expect(paths(withItem("workflow", "cases", "default", wf))).toContain(
      "workflow/cases/default:transitions[0].when.field",
    );
  });

  it("approval conditions name fields and its actions exist", () => {
    const ap = {
      when: { field: "nope", op: "gt", value: 1 },
      steps: [{ name: "M", approvers: { role: "manager" }, mode: "any" }],
      onApprove: ["notify_managers"],
      onReject: ["gone"],
    };
    expect(paths(withItem("approval", "cases", "refund", ap))).toEqual([
      "approval/cases/refund:when.field",
      "approval/cases/refund:onReject[0]",
    ]);
  });

  it("sla names a tenant calendar, fields and actions", () => {
    const sla = {
      when: { field: "priority", op: "eq", value: "low" },
      calendar: "weekends",
      targets: [{ metric: "resolution", minutes: 60, stopWhen: { field: "solved", op: "isNotEmpty" } }],
      pauseWhen: { field: "nope", op: "isEmpty" },
      onWarning: ["notify_managers"],
      onBreach: ["missing"],
    };
    expect(paths(withItem("sla", "cases", "low", sla))).toEqual([
      "sla/cases/low:targets[0].stopWhen.field",
      "sla/cases/low:pauseWhen.field",
      "sla/cases/low:calendar",
      "sla/cases/low:onBreach[0]",
    ]);
  });

  it("removing a calendar breaks the SLA that uses it", () => {
    expect(paths(removeItem(demoSnapshot(), "calendar", "tenant", "business_hours"))).toEqual([
      "sla/cases/standard:calendar",
    ]);
  });

  it("routing conditions name fields", () => {
    expect(
      paths(
        withItem("routing", "cases", "r", {
          strategy: "least_open",
          members: { role: "agent" },
          when: { field: "nope", op: "isEmpty" },
        }),
      ),
    ).toEqual(["routing/cases/r:when.field"]);
  });

  it("reference fields point at entities with a default form, and field conditions name fields", () => {
    const s = withItem("form", "things", "default", {
      title: "Thing",
      fields: [
        { name: "name", label: "Name", type: "text" },
        { name: "vendor", label: "Vendor", type: "reference", entity: "vendors" },
        { name: "why", label: "Why", type: "text", visibleWhen: { field: "nam", op: "isNotEmpty" } },
      ],
    });
    expect(paths(s)).toEqual([
      "form/things/default:fields[1].entity",
      "form/things/default:fields[2].visibleWhen.field",
    ]);
  });

  it("removing an entity's form reports everything that depended on it", () => {
    const s = paths(removeItem(demoSnapshot(), "form", "customers", "default"));
    expect(s).toEqual(
      expect.arrayContaining([
        "form/cases/default:fields[1].entity",
        "form/deals/default:fields[1].entity",
        "view/customers/all",
        "automation/customers/welcome",
        "dashboard/tenant/default:widgets[0].entity",
      ]),
    );
  });
});

describe("validateSnapshot: named conditions and dashboards", () => {
  it("detects ref cycles between named conditions", () => {
    let s = withItem("condition", "cases", "a", { all: [{ ref: "b" }] });
    s = withItem("condition", "cases", "b", { not: { ref: "a" } }, s);
    expect(validateSnapshot(s)).toEqual([
      { path: "condition/cases/a:all[0].ref", message: "reference cycle: a → b → a" },
      { path: "condition/cases/b:not.ref", message: "reference cycle: b → a → b" },
    ]);
    expect(paths(withItem("condition", "cases", "self", { ref: "self" }))).toEqual(["condition/cases/self:ref"]);
  });

  it("dashboard widgets name an entity and a view of it", () => {
    const dash = {
      title: "D",
      widgets: [
        { type: "table", title: "ok", metric: "cases.open", entity: "cases", view: "open" },
        { type: "table", title: "no view", metric: "cases.open", entity: "cases", view: "pipeline" },
        { type: "metric", title: "no entity", metric: "x.y", entity: "widgets" },
      ],
    };
    expect(paths(withItem("dashboard", "tenant", "ops", dash))).toEqual([
      "dashboard/tenant/ops:widgets[1].view",
      "dashboard/tenant/ops:widgets[2].entity",
    ]);
  });
});

describe("validateSnapshot: structure", () => {
  it("prefixes item errors with namespace/entity/key", () => {
    const errors = validateSnapshot(
      withItem("view", "cases", "v", { title: "T", type: "grid", columns: [{ field: "subject" }] }),
    );
    expect(errors).toEqual([{ path: "view/cases/v:type", message: expect.any(String) }]);
    expect(splitErrorPath(errors[0]!.path)).toEqual({ item: "view/cases/v", path: "type" });
  });

  it("rejects unknown namespaces and malformed maps", () => {
    expect(validateSnapshot({ widgets: {} })).toEqual([
      { path: "widgets", message: expect.stringContaining("unknown namespace") },
    ]);
    expect(validateSnapshot({ form: { customers: [] } })).toEqual([
      { path: "form/customers", message: expect.any(String) },
    ]);
    expect(validateSnapshot(null)).toEqual([{ path: "", message: expect.any(String) }]);
    expect(validateSnapshot({})).toEqual([]);
  });
});

describe("validateItem", () => {
  it("returns paths relative to the item and checks references against the snapshot it would produce", () => {
    const base = demoSnapshot();
    const form = { title: "Thing", fields: [{ name: "name", label: "Name", type: "colour" }] };
    expect(validateItem("form", "things", "default", form, base)).toEqual([
      { path: "fields[0].type", message: expect.any(String) },
    ]);
    // A view of a new entity validates once its form is part of the snapshot.
    const view = { title: "T", type: "table", columns: [{ field: "name" }] };
    expect(validateItem("view", "things", "all", view, base)).toEqual([
      { path: "", message: expect.stringContaining("no default form") },
    ]);
    const withForm = setItem(base, "form", "things", "default", {
      title: "Thing",
      fields: [{ name: "name", label: "Name", type: "text" }],
    });
    expect(validateItem("view", "things", "all", view, withForm)).toEqual([]);
    expect(validateItem("view", "things", "all", { ...view, columns: [{ field: "nope" }] }, withForm)).toEqual([
      { path: "columns[0].field", message: 'no field "nope" in things' },
    ]);
  });

  it("checks a form's own conditions against the form being validated", () => {
    const form = {
      title: "C",
      fields: [
        { name: "name", label: "Name", type: "text" },
        { name: "x", label: "X", type: "text", requiredWhen: { field: "name", op: "isEmpty" } },
      ],
    };
    expect(validateItem("form", "customers", "default", form, demoSnapshot())).toEqual([]);
  });
});
