import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FormConfig } from "@shared/config/form";
import { FormBuilder } from "../../../../../web/src/studio/builders/form/form-builder";
import { moveField, removeField, updateField } from "../../../../../web/src/studio/builders/form/form-model";
import { validateItem } from "@shared/config/validate";
import { dragEndMove } from "../../../../../web/src/studio/controls/sortable-list";
import { customersForm, renderBuilder, studioSnapshot } from "../../studio-helpers";

const names = (form: FormConfig) => form.fields.map((f) => f.name);

describe("form builder", () => {
  // Waits on what the user sees (the new card, its focus, each setting), never on a render's speed.
  it("adds a field of the chosen type and makes it required", async () => {
    const h = renderBuilder(FormBuilder, customersForm as FormConfig, { snapshot: studioSnapshot() });
    fireEvent.change(await screen.findByLabelText("New field type"), { target: { value: "number" } });
    fireEvent.click(screen.getByRole("button", { name: "Add field" }));

    await waitFor(() => expect(names(h.value())).toEqual(["name", "email", "tier", "number_field"]));
    // The new card opens with its name focused.
    const nameInput = await waitFor(() => {
      const input = document.getElementById("ctl-fields-3-name") as HTMLInputElement | null;
      expect(input).not.toBeNull();
      expect(document.activeElement).toBe(input);
      return input!;
    });
    fireEvent.change(nameInput, { target: { value: "employees" } });
    const card = nameInput.closest(".card-body") as HTMLElement;
    fireEvent.click(await within(card).findByLabelText("Required"));
    fireEvent.change(await within(card).findByLabelText("Minimum"), { target: { value: "0" } });

    await waitFor(() =>
      expect(h.value().fields[3]).toEqual({
        name: "employees",
        label: "Number",
        type: "number",
        required: true,
        min: 0,
      }),
    );
  });

  it("reorders fields with the drop handler and the move buttons", () => {
    expect(dragEndMove(["a", "b", "c"], "a", "c")).toEqual([0, 2]);
    expect(dragEndMove(["a", "b", "c"], "b", "b")).toBeNull();
    expect(dragEndMove(["a", "b", "c"], "b", null)).toBeNull();
    expect(names(moveField(customersForm as FormConfig, 0, 2))).toEqual(["email", "tier", "name"]);

    const h = renderBuilder(FormBuilder, customersForm as FormConfig, { snapshot: studioSnapshot() });
    fireEvent.click(screen.getByRole("button", { name: "Move Tier up" }));
    expect(names(h.value())).toEqual(["name", "tier", "email"]);
    const list = screen.getByRole("list", { name: "Fields" });
    expect([...list.children].map((li) => li.querySelector("summary code")?.textContent)).toEqual([
      "name",
      "tier",
      "email",
    ]);
    // Each card has a keyboard-operable drag handle.
    expect(screen.getByRole("button", { name: "Reorder Name" }).getAttribute("aria-roledescription")).toBe("sortable");
  });

  it("changing a field's type drops settings the new type doesn't take", () => {
    const h = renderBuilder(FormBuilder, customersForm as FormConfig, { snapshot: studioSnapshot() });
    fireEvent.change(document.getElementById("ctl-fields-2-type")!, { target: { value: "text" } });
    expect(h.value().fields[2]).toEqual({ name: "tier", label: "Tier", type: "text" });
  });

  it("edits select options and keeps sections in step with renames and removals", () => {
    const form = { ...customersForm, sections: [{ title: "Basics", fields: ["name", "email"] }] } as FormConfig;
    expect(updateField(form, 1, { ...form.fields[1]!, name: "mail" }).sections).toEqual([
      { title: "Basics", fields: ["name", "mail"] },
    ]);
    expect(removeField(form, 0).sections).toEqual([{ title: "Basics", fields: ["email"] }]);

    const h = renderBuilder(FormBuilder, form, { snapshot: studioSnapshot() });
    const options = screen.getByRole("group", { name: /Options/ });
    fireEvent.click(within(options).getByRole("button", { name: "Add option" }));
    expect(h.value().fields[2]!.options).toEqual([
      { value: "gold", label: "Gold" },
      { value: "silver", label: "Silver" },
      { value: "option_3", label: "Option 3" },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Remove Email" }));
    expect(names(h.value())).toEqual(["name", "tier"]);
    expect(h.value().sections).toEqual([{ title: "Basics", fields: ["name"] }]);
  });

  it("shows an error at the control its path points at", () => {
    renderBuilder(FormBuilder, customersForm as FormConfig, {
      snapshot: studioSnapshot(),
      errors: [{ path: "fields[1].type", message: "not a type we know" }],
    });
    const select = document.getElementById("ctl-fields-1-type")!;
    expect(select.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(select.getAttribute("aria-describedby")!)?.textContent).toBe("not a type we know");
    expect(select.closest("details")?.querySelector("summary")?.textContent).toMatch(/1 problem/);
  });

  it("adds a formula field: expression and result type, with the shared validation's errors on the expression", () => {
    const h = renderBuilder(FormBuilder, customersForm as FormConfig, { snapshot: studioSnapshot() });
    fireEvent.change(screen.getByLabelText("New field type"), { target: { value: "formula" } });
    fireEvent.click(screen.getByRole("button", { name: "Add field" }));
    expect(h.value().fields[3]).toMatchObject({ type: "formula", formula: "0", resultType: "number" });
    const card = (document.getElementById("ctl-fields-3-name") as HTMLElement).closest(".card-body") as HTMLElement;
    expect(within(card).queryByLabelText("Required")).toBeNull(); // computed: no input settings
    fireEvent.change(within(card).getByLabelText("Formula"), {
      target: { value: 'concat(upper(name), " <", email, ">")' },
    });
    fireEvent.change(within(card).getByLabelText("Result type"), { target: { value: "text" } });
    const added = h.value();
    expect(added.fields[3]).toMatchObject({ formula: 'concat(upper(name), " <", email, ">")', resultType: "text" });
    expect(validateItem("form", "customers", "default", added, studioSnapshot())).toEqual([]);

    // A type error: the same validation the server runs puts it on the Formula control.
    const bad = updateField(added, 3, { ...added.fields[3]!, formula: "name * 2", resultType: "number" });
    const errors = validateItem("form", "customers", "default", bad, studioSnapshot());
    expect(errors).toEqual([
      { path: "fields[3].formula", message: "at character 6: both operands of * must be a number, not text" },
    ]);
    h.unmount();
    renderBuilder(FormBuilder, bad, { snapshot: studioSnapshot(), errors });
    const formula = document.getElementById("ctl-fields-3-formula") as HTMLTextAreaElement;
    expect(formula.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(formula.getAttribute("aria-describedby")!.split(" ").at(-1)!)?.textContent).toBe(
      "at character 6: both operands of * must be a number, not text",
    );
  });
});
