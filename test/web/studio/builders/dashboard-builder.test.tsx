import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DashboardConfig } from "@shared/config/dashboard";
import { DashboardBuilder } from "../../../../web/src/studio/builders/dashboard-builder";
import { renderBuilder } from "../studio-helpers";

describe("dashboard builder", () => {
  it("picks a widget's metric from a list of named metrics, not a free-text box", () => {
    const initial: DashboardConfig = {
      title: "Support",
      widgets: [{ type: "metric", title: "Compliance", metric: "cases.open" }],
    };
    const harness = renderBuilder(DashboardBuilder, initial, {
      namespace: "dashboard",
      entity: "tenant",
      key: "default",
    });
    const metric = screen.getByRole("combobox", { name: "Metric" }) as HTMLSelectElement;
    expect(within(metric).getByRole("group", { name: "Cases" })).toBeTruthy();
    expect(within(metric).getByRole("option", { name: "SLA compliance (%)" })).toBeTruthy();
    fireEvent.change(metric, { target: { value: "cases.slaCompliance" } });
    expect(harness.value().widgets[0]!.metric).toBe("cases.slaCompliance");
  });
});
