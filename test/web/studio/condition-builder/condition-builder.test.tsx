import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Condition } from "@shared/config/condition";
import { ConditionBuilder } from "../../../../web/src/studio/condition-builder/condition-builder";
import { renderBuilder, studioSnapshot } from "../studio-helpers";

function renderCondition(initial: Condition, allowTriggerOps = false) {
  return renderBuilder<Condition>(
    ({ value, onChange }) => (
      <ConditionBuilder
        path="filter"
        label="Filter"
        value={value}
        onChange={onChange}
        allowTriggerOps={allowTriggerOps}
      />
    ),
    initial,
    { namespace: "view", entity: "customers", key: "all", snapshot: studioSnapshot() },
  );
}

const kinds = () => screen.getAllByLabelText("Condition type") as HTMLSelectElement[];

describe("condition builder", () => {
  it("edits a leaf: field, operator and a value input suited to both", () => {
    const h = renderCondition({ field: "name", op: "eq", value: "Acme" });
    fireEvent.change(screen.getByLabelText("Field"), { target: { value: "tier" } });
    expect(h.value()).toEqual({ field: "tier", op: "eq", value: "" });
    // A select field offers its options.
    const value = screen.getByLabelText("Value") as HTMLSelectElement;
    expect([...value.options].map((o) => o.value)).toEqual(["", "gold", "silver"]);
    fireEvent.change(value, { target: { value: "gold" } });
    expect(h.value()).toEqual({ field: "tier", op: "eq", value: "gold" });

    fireEvent.change(screen.getByLabelText("Operator"), { target: { value: "in" } });
    expect(h.value()).toEqual({ field: "tier", op: "in", value: ["gold"] });
    fireEvent.click(within(screen.getByRole("group", { name: "Values" })).getByLabelText("Silver"));
    expect(h.value()).toEqual({ field: "tier", op: "in", value: ["gold", "silver"] });

    fireEvent.change(screen.getByLabelText("Operator"), { target: { value: "isEmpty" } });
    expect(h.value()).toEqual({ field: "tier", op: "isEmpty" });
    expect(screen.queryByLabelText("Value")).toBeNull();
    expect(screen.queryByRole("group", { name: "Values" })).toBeNull();
  });

  it("offers the form's fields plus the record's and hides trigger-only ops outside triggers", () => {
    renderCondition({ field: "name", op: "eq", value: "" });
    const fields = [...(screen.getByLabelText("Field") as HTMLSelectElement).options].map((o) => o.value);
    expect(fields).toEqual(["name", "email", "tier", "status", "ownerId", "createdAt", "updatedAt"]);
    const ops = [...(screen.getByLabelText("Operator") as HTMLSelectElement).options].map((o) => o.value);
    expect(ops).not.toContain("changed");
    expect(ops).not.toContain("changedTo");
  });

  it("shows changed / changedTo in a trigger", () => {
    renderCondition({ field: "name", op: "changed" }, true);
    const ops = [...(screen.getByLabelText("Operator") as HTMLSelectElement).options].map((o) => o.value);
    expect(ops).toContain("changedTo");
    expect(screen.queryByLabelText("Value")).toBeNull(); // "changed" takes no value
  });

  it("builds all / any / not groups and named-condition refs", () => {
    const h = renderCondition({ field: "name", op: "isNotEmpty" });
    fireEvent.change(kinds()[0]!, { target: { value: "all" } });
    expect(h.value()).toEqual({ all: [{ field: "name", op: "isNotEmpty" }] });

    fireEvent.click(screen.getByRole("button", { name: "Add condition" }));
    expect(h.value()).toEqual({
      all: [
        { field: "name", op: "isNotEmpty" },
        { field: "name", op: "eq", value: "" },
      ],
    });
    // The second leaf becomes a ref to the entity's named condition "vip".
    fireEvent.change(kinds()[2]!, { target: { value: "ref" } });
    expect(h.value()).toEqual({ all: [{ field: "name", op: "isNotEmpty" }, { ref: "vip" }] });

    fireEvent.change(kinds()[0]!, { target: { value: "any" } });
    expect(h.value()).toEqual({ any: [{ field: "name", op: "isNotEmpty" }, { ref: "vip" }] });

    fireEvent.change(kinds()[1]!, { target: { value: "not" } });
    expect(h.value()).toEqual({ any: [{ not: { field: "name", op: "isNotEmpty" } }, { ref: "vip" }] });

    fireEvent.click(screen.getAllByRole("button", { name: "Remove this condition" })[1]!);
    expect(h.value()).toEqual({ any: [{ not: { field: "name", op: "isNotEmpty" } }] });

    fireEvent.change(kinds()[0]!, { target: { value: "leaf" } });
    expect(h.value()).toEqual({ field: "name", op: "isNotEmpty" });
  });

  it("types values for the field and offers the $now / $user tokens", () => {
    const snapshot = studioSnapshot();
    snapshot.form!.customers!.default = {
      title: "C",
      fields: [
        { name: "revenue", label: "Revenue", type: "currency" },
        { name: "since", label: "Since", type: "date" },
      ],
    };
    const h = renderBuilder<Condition>(
      ({ value, onChange }) => <ConditionBuilder path="" label="Condition" value={value} onChange={onChange} />,
      { field: "revenue", op: "gt", value: 0 },
      { namespace: "condition", entity: "customers", key: "big", snapshot },
    );
    fireEvent.change(screen.getByLabelText("Value"), { target: { value: "1000" } });
    expect(h.value()).toEqual({ field: "revenue", op: "gt", value: 1000 });

    fireEvent.change(screen.getByLabelText("Field"), { target: { value: "since" } });
    const input = screen.getByLabelText("Value") as HTMLInputElement;
    expect([...input.list!.options].map((o) => o.value)).toContain("$now-7d");
    fireEvent.change(input, { target: { value: "$now-7d" } });
    expect(h.value()).toEqual({ field: "since", op: "gt", value: "$now-7d" });
  });
});
