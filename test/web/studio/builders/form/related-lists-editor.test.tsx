import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FormConfig } from "@shared/config/form";
import type { Snapshot } from "@shared/config/snapshot";
import { FormBuilder } from "../../../../../web/src/studio/builders/form/form-builder";
import { customersForm, renderBuilder } from "../../studio-helpers";

const dealsForm = {
  title: "Deal",
  fields: [
    { name: "name", label: "Deal name", type: "text" as const },
    { name: "amount", label: "Amount", type: "currency" as const },
    { name: "customer", label: "Customer", type: "reference" as const, entity: "customers" },
    { name: "referrer", label: "Referred by", type: "reference" as const, entity: "customers" },
  ],
};
const casesForm = {
  title: "Case",
  fields: [
    { name: "subject", label: "Subject", type: "text" as const },
    { name: "customer", label: "Customer", type: "reference" as const, entity: "customers" },
  ],
};
const snapshot = (): Snapshot => ({
  form: { customers: { default: customersForm }, deals: { default: dealsForm }, cases: { default: casesForm } },
});
const relatedSection = () => screen.getByRole("region", { name: /Related lists/ });

describe("related lists editor", () => {
  it("offers every reference to this entity and adds the chosen one", () => {
    const h = renderBuilder(FormBuilder, customersForm as FormConfig, { snapshot: snapshot() });
    const section = relatedSection();
    expect(
      within(section).getByText(/Without any, the record page lists every entity that refers to Customers/),
    ).toBeTruthy();
    const picker = within(section).getByLabelText("New related list") as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual([
      "Cases by Customer",
      "Deals by Customer",
      "Deals by Referred by",
    ]);

    fireEvent.change(picker, { target: { value: "deals.referrer" } });
    fireEvent.click(within(section).getByRole("button", { name: "Add related list" }));
    expect(h.value().related).toEqual([{ entity: "deals", via: "referrer" }]);
    // What is already listed is not offered again.
    expect(
      [...(within(section).getByLabelText("New related list") as HTMLSelectElement).options].map((o) => o.value),
    ).toEqual(["cases.customer", "deals.customer"]);
  });

  it("picks columns in the related form's order, titles, reorders and removes lists", () => {
    const form = {
      ...customersForm,
      related: [
        { entity: "cases", via: "customer" },
        { entity: "deals", via: "customer" },
      ],
    } as FormConfig;
    const h = renderBuilder(FormBuilder, form, { snapshot: snapshot() });
    const section = relatedSection();
    const deals = within(section).getAllByRole("group", { name: "Columns" })[1]!;
    // The reference field itself is not a column choice.
    expect(within(deals).queryByLabelText("Customer")).toBeNull();
    fireEvent.click(within(deals).getByLabelText("Amount"));
    fireEvent.click(within(deals).getByLabelText("Deal name"));
    expect(h.value().related?.[1]).toEqual({ entity: "deals", via: "customer", columns: ["name", "amount"] });

    fireEvent.change(document.getElementById("ctl-related-1-title")!, { target: { value: "Open deals" } });
    expect(h.value().related?.[1]?.title).toBe("Open deals");

    fireEvent.click(within(section).getByRole("button", { name: "Move related list Deals by Customer up" }));
    expect(h.value().related?.map((r) => r.entity)).toEqual(["deals", "cases"]);
    fireEvent.click(within(section).getByRole("button", { name: "Remove related list Cases by Customer" }));
    fireEvent.click(within(section).getByRole("button", { name: "Remove related list Deals by Customer" }));
    // The last one removed drops the key: the page is back to listing every reference.
    expect(h.value().related).toBeUndefined();
  });

  it("says what to do when nothing refers to the entity", () => {
    renderBuilder(FormBuilder, customersForm as FormConfig, {
      snapshot: { form: { customers: { default: customersForm } } },
    });
    expect(within(relatedSection()).getByText(/No other entity refers to Customers yet/)).toBeTruthy();
    expect(screen.queryByLabelText("New related list")).toBeNull();
  });
});
