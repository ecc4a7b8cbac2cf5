import { describe, expect, it } from "vitest";
import { lookup, renderDeep, renderTemplate } from "../../../worker/shared/template";

const ctx = {
  record: { name: "Acme", amount: 1200, tags: ["a", "b"], owner: { name: "Ada" } },
  previous: { name: "Old" },
  actor: { name: "Max" },
  trigger: { body: { x: 1, nested: { y: "z" } } },
};

describe("templates", () => {
  it("fills placeholders from record, previous, actor and trigger", () => {
    expect(
      renderTemplate(
        "Call {{record.name}} (was {{ previous.name }}) for {{actor.name}}: {{trigger.body.nested.y}}",
        ctx,
      ),
    ).toBe("Call Acme (was Old) for Max: z");
  });

  it("renders unknown paths as empty text and lists as comma-separated", () => {
    expect(renderTemplate("[{{record.nope}}][{{nope.at.all}}][{{record.tags}}]", ctx)).toBe("[][][a, b]");
  });

  it("never executes code or walks prototypes", () => {
    expect(renderTemplate("{{record.constructor}}{{record.__proto__}}{{ record.name.toUpperCase() }}", ctx)).toBe(
      "{{ record.name.toUpperCase() }}",
    );
    expect(lookup(ctx, "record.name.length")).toBeUndefined();
  });

  it("keeps the type of a value that is exactly one placeholder", () => {
    expect(
      renderDeep({ amount: "{{record.amount}}", label: "Deal {{record.name}}", list: ["{{trigger.body.x}}"] }, ctx),
    ).toEqual({ amount: 1200, label: "Deal Acme", list: [1] });
    expect(renderDeep({ missing: "{{record.nope}}" }, ctx)).toEqual({ missing: null });
  });
});
