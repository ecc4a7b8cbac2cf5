import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ChartWidget } from "../../../../web/src/renderers/dashboard/chart-widget";

describe("pie chart legend", () => {
  it("gives each entry the colour of its slice (theme tokens, so both modes follow)", () => {
    const { container } = render(
      <ChartWidget
        kind="pie"
        title="Cases by status"
        points={[
          { name: "New", value: 3, amount: null },
          { name: "Open", value: 2, amount: null },
        ]}
      />,
    );
    const items = [...container.querySelectorAll(".chart-legend li")];
    expect(items.map((li) => li.textContent)).toEqual(["New 3", "Open 2"]);
    expect(items.map((li) => li.querySelector(".chart-swatch")!.className)).toEqual([
      "chart-swatch chart-bg-0",
      "chart-swatch chart-bg-1",
    ]);
  });
});
