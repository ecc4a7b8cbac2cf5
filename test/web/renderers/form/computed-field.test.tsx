import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { computeFormulas } from "../../../../worker/shared/formula/fields";
import type { FormField } from "../../../../worker/shared/config/form";
import { FormRenderer } from "../../../../web/src/renderers/form/form-renderer";
import { json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { makeRecord } from "../fixtures";

const fields: FormField[] = [
  { name: "name", label: "Name", type: "text" },
  { name: "amount", label: "Amount", type: "number" },
  { name: "probability", label: "Probability", type: "number" },
  {
    name: "weighted",
    label: "Weighted",
    type: "formula",
    formula: "round(amount * probability / 100, 2)",
    resultType: "number",
  },
  {
    name: "label",
    label: "Label",
    type: "formula",
    formula: 'concat(upper(name), " / ", coalesce(weighted, 0))',
    resultType: "text",
  },
  { name: "cost", label: "Cost", type: "number", access: { read: "manager" } },
  { name: "margin", label: "Margin", type: "formula", formula: "amount - cost", resultType: "number" },
  { name: "open", label: "Open cases", type: "rollup", rollup: { entity: "cases", via: "deal", op: "count" } },
];
const snapshot = {
  form: {
    deals: { default: { title: "Deal", fields } },
    cases: {
      default: { title: "Case", fields: [{ name: "deal", label: "Deal", type: "reference", entity: "deals" }] },
    },
  },
};

const output = (label: string) => screen.getByLabelText(label) as HTMLOutputElement;
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("computed fields in the form renderer", () => {
  it("shows formulas read-only and live as the user types, equal to the shared evaluator's value", () => {
    signIn("manager");
    setConfig(snapshot as never);
    mockFetch(() => json(200, { items: [], nextCursor: null }));
    const onSubmit = vi.fn(async () => undefined);
    renderAt(<FormRenderer entity="deals" onSubmit={onSubmit} />);
    expect(output("Weighted").tagName).toBe("OUTPUT");
    expect(output("Weighted").textContent).toBe("—");

    type("Name", "acme");
    type("Amount", "1234.5");
    type("Probability", "33");
    const expected = computeFormulas(
      fields,
      { name: "acme", amount: 1234.5, probability: 33 },
      { now: Date.now(), timeZone: "UTC" },
    );
    expect(expected.weighted).toBe(407.39);
    expect(JSON.parse(output("Weighted").dataset.value!)).toBe(expected.weighted);
    expect(JSON.parse(output("Label").dataset.value!)).toBe(expected.label);
    expect(output("Label").textContent).toBe("ACME / 407.39");

    fireEvent.click(screen.getByRole("button", { name: /save/i }));
    return vi.waitFor(() => {
      expect(onSubmit).toHaveBeenCalled();
      const [payload] = onSubmit.mock.calls[0] as unknown as [Record<string, unknown>];
      expect(Object.keys(payload).sort()).toEqual(["amount", "name", "probability"]); // computed values are never sent
    });
  });

  it("shows a roll-up as stored, and hides a formula over a field the role cannot read", () => {
    signIn("agent");
    setConfig(snapshot as never);
    mockFetch(() => json(200, { items: [], nextCursor: null }));
    const record = makeRecord("deals", { name: "x", amount: 10, open: 3 });
    renderAt(<FormRenderer entity="deals" record={record} onSubmit={vi.fn(async () => undefined)} />);
    expect(output("Open cases").textContent).toBe("3");
    expect(screen.queryByLabelText("Cost")).toBeNull();
    expect(screen.queryByLabelText("Margin")).toBeNull();
  });
});
