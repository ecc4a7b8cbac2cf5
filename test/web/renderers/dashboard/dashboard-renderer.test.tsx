import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DashboardPage } from "../../../../web/src/pages/crm/dashboard-page";
import { chartPoints, formatMetric, metricAt } from "../../../../web/src/renderers/dashboard/metric-path";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../helpers";
import { crmSnapshot, makeRecord } from "../fixtures";

const metrics = {
  customers: { total: 42 },
  deals: {
    total: 5,
    open: 3,
    won: 1,
    lost: 1,
    pipelineValue: 125000,
    wonValue: 9000,
    byStage: [
      { stage: "lead", label: "Lead", count: 2, value: 1000 },
      { stage: "won", label: "Won", count: 1, value: 9000 },
    ],
  },
  cases: {
    total: 4,
    open: 2,
    byStatus: [
      { status: "new", label: "New", count: 3 },
      { status: "open", label: "Open", count: 1 },
    ],
    breached: 0,
    slaCompliance: 97.5,
  },
  activities: { open: 2, overdue: 1 },
};

const dashboards = {
  default: {
    title: "Sales",
    widgets: [
      { type: "metric", title: "Customers", metric: "customers.total", entity: "deals", view: "all" },
      { type: "metric", title: "Pipeline value", metric: "deals.pipelineValue" },
      { type: "metric", title: "SLA compliance", metric: "cases.slaCompliance" },
      { type: "metric", title: "Not served yet", metric: "deals.forecast" },
      { type: "bar", title: "Deals by stage", metric: "deals.byStage" },
      { type: "pie", title: "Cases by status", metric: "cases.byStatus" },
      { type: "line", title: "Cases trend", metric: "cases.byStatus" },
      { type: "table", title: "Latest deals", metric: "deals.total", entity: "deals", view: "all" },
    ],
  },
  support: { title: "Support", widgets: [{ type: "metric", title: "Open cases", metric: "cases.open" }] },
};

const routes = [
  { path: "/crm/dashboard", element: <DashboardPage /> },
  { path: "/crm/dashboard/:key", element: <DashboardPage /> },
];

function serve() {
  return mockFetch((url) => {
    if (url.pathname === "/api/crm/dashboard/metrics") return json(200, metrics);
    if (url.pathname === "/api/crm/deals")
      return json(200, {
        items: [makeRecord("deals", { name: "Latest deal", amount: 10 }, { id: "d9", status: "lead" })],
        nextCursor: null,
      });
    return apiError(404, "not_found", "Not found");
  });
}

const widget = (title: string) => screen.getByRole("heading", { name: title }).closest("li")!;

describe("dashboard", () => {
  it("renders each widget of the default dashboard from config, with tabs for the others", async () => {
    signIn("agent");
    setConfig(crmSnapshot({ dashboard: { tenant: dashboards } }));
    serve();
    renderRoutes(routes, "/crm/dashboard");
    expect(screen.getByRole("heading", { level: 1, name: "Sales" })).toBeTruthy();
    expect(
      within(screen.getByRole("navigation", { name: "Dashboards" }))
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["Sales", "Support"]);

    expect(await within(widget("Customers")).findByText("42")).toBeTruthy();
    expect(within(widget("Customers")).getByRole("link", { name: "All deals" })).toHaveProperty(
      "pathname",
      "/crm/deals/views/all",
    );
    expect(within(widget("Pipeline value")).getByText("$125,000.00")).toBeTruthy();
    expect(within(widget("SLA compliance")).getByText("97.5%")).toBeTruthy();
    expect(within(widget("Not served yet")).getByText("—")).toBeTruthy();

    // Charts carry their numbers as a table for screen readers.
    const bars = within(widget("Deals by stage")).getByRole("table", { name: "Deals by stage" });
    expect(
      within(bars)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual(["NameCountValue", "Lead2$1,000.00", "Won1$9,000.00"]);
    expect(within(widget("Cases by status")).getByRole("table").textContent).toContain("New3");

    const table = within(widget("Latest deals"));
    expect(await table.findByRole("link", { name: "Latest deal" })).toHaveProperty("pathname", "/crm/deals/d9");
    expect(table.getAllByRole("columnheader").map((th) => th.textContent)).toEqual([
      "Deal",
      "Value",
      "Status",
      "Close",
    ]);
  });

  it("opens another dashboard by its key, and says when there is none", async () => {
    signIn("agent");
    setConfig(crmSnapshot({ dashboard: { tenant: dashboards } }));
    serve();
    const { unmount } = renderRoutes(routes, "/crm/dashboard/support");
    expect(screen.getByRole("heading", { level: 1, name: "Support" })).toBeTruthy();
    expect(await within(widget("Open cases")).findByText("2")).toBeTruthy();
    unmount();

    setConfig(crmSnapshot(), 2);
    renderRoutes(routes, "/crm/dashboard");
    expect(screen.getByText("No dashboard is published yet")).toBeTruthy();
  });

  it("reads metrics by dotted path, defensively", () => {
    expect(metricAt(metrics, "deals.byStage")).toHaveLength(2);
    expect(metricAt(metrics, "deals.nope.deeper")).toBeUndefined();
    expect(metricAt(null, "a.b")).toBeUndefined();
    expect(formatMetric("deals.wonValue", 9000)).toBe("$9,000.00");
    expect(formatMetric("activities.overdue", 3)).toBe("3");
    expect(chartPoints({ open: 2, won: 1, note: "x" })).toEqual([
      { name: "open", value: 2, amount: null },
      { name: "won", value: 1, amount: null },
    ]);
    expect(chartPoints("nonsense")).toEqual([]);
  });
});
