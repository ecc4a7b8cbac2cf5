import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { CrmOverviewPage } from "../../../../../web/src/pages/crm/overview-page";
import { rememberRecent, useRecentStore } from "../../../../../web/src/state/recent-records";
import { activity, approval, dashboardMetrics } from "../../../fixtures";
import { apiError, json, makeSnapshot, mockFetch, renderAt, setConfig, signIn } from "../../../helpers";
import { makeRecord } from "../../../renderers/fixtures";

const snapshot = () =>
  makeSnapshot({
    form: {
      ...makeSnapshot().form,
      cases: {
        default: {
          title: "Case",
          fields: [
            { name: "subject", label: "Subject", type: "text" },
            { name: "assignee", label: "Assignee", type: "user" },
          ],
        },
      },
    },
    workflow: {
      cases: {
        default: {
          initial: "new",
          steps: [
            { key: "new", label: "New" },
            { key: "closed", label: "Closed", category: "closed" },
          ],
          transitions: [],
        },
      },
    },
  });

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
const timer = (state: string, dueAt: string) => ({
  policy: "std",
  metric: "first_response",
  state,
  startedAt: soon(-3_600_000),
  dueAt,
  pausedMs: 0,
});

function serve() {
  return mockFetch((url) => {
    if (url.pathname === "/api/crm/cases") {
      const where = JSON.parse(url.searchParams.get("where")!);
      expect(where).toEqual({
        all: [
          { field: "assignee", op: "eq", value: "$user" },
          { field: "status", op: "nin", value: ["closed"] },
        ],
      });
      return json(200, {
        items: [
          makeRecord("cases", { subject: "Printer jam" }, { id: "k1" }),
          makeRecord("cases", { subject: "Server down" }, { id: "k2" }),
          makeRecord("cases", { subject: "No SLA here" }, { id: "k3" }),
        ],
        nextCursor: null,
      });
    }
    if (url.pathname === "/api/crm/cases/k1/sla") return json(200, { timers: [timer("running", soon(3_600_000))] });
    if (url.pathname === "/api/crm/cases/k2/sla") return json(200, { timers: [timer("breached", soon(-60_000))] });
    if (url.pathname === "/api/crm/cases/k3/sla") return json(200, { timers: [] });
    if (url.pathname === "/api/crm/activities")
      return json(200, {
        items: [activity({ title: "Call back Globex", type: "call", dueAt: soon(-86_400_000), overdue: true })],
      });
    if (url.pathname === "/api/crm/approvals")
      return json(200, {
        items: [approval({ change: { amount: 9000 } })],
      });
    if (url.pathname === "/api/crm/dashboard/metrics")
      return json(
        200,
        dashboardMetrics({
          cases: { total: 5, breached: 1, slaCompliance: 50, open: 3 },
          activities: { open: 4, overdue: 2 },
        }),
      );
    return apiError(404, "not_found", "Not found");
  });
}

beforeEach(() => useRecentStore.setState({ byUser: {} }));

describe("home", () => {
  it("shows an agent their open cases by SLA urgency, tasks due, approvals and recent records", async () => {
    signIn("agent");
    setConfig(snapshot());
    serve();
    rememberRecent("u1", { entity: "customers", id: "c1", title: "Globex Corporation" });
    renderAt(<CrmOverviewPage />, "/crm");
    expect(screen.getByRole("heading", { level: 1, name: "Home" })).toBeTruthy();
    const cases = await screen.findByRole("list", { name: "My open cases" });
    const rows = within(cases).getAllByRole("listitem");
    expect(rows.map((r) => within(r).getByRole("link").textContent)).toEqual([
      "Server down",
      "Printer jam",
      "No SLA here",
    ]);
    expect(within(rows[0]!).getByText(/^Breached/)).toBeTruthy();
    expect(within(rows[1]!).getByText(/^Due in/)).toBeTruthy();

    const tasks = await screen.findByRole("list", { name: "My tasks" });
    expect(within(tasks).getByText("Call back Globex")).toBeTruthy();
    expect(screen.getByText("1 overdue")).toBeTruthy();
    const approvals = await screen.findByRole("list", { name: "Waiting for my approval" });
    expect(within(approvals).getByText("Big discount")).toBeTruthy();
    expect(within(approvals).getByText(/Amount/)).toBeTruthy();
    const recent = screen.getByRole("list", { name: "Recently viewed" });
    expect(within(recent).getByRole("link", { name: "Globex Corporation" }).getAttribute("href")).toBe(
      "/crm/customers/c1",
    );
    expect(screen.queryByRole("region", { name: "Team service levels" })).toBeNull();
    expect(screen.getByRole("list", { name: "Entities" })).toBeTruthy();
  });

  it("gives managers the team's service levels", async () => {
    signIn("manager");
    setConfig(snapshot());
    serve();
    renderAt(<CrmOverviewPage />, "/crm");
    const team = await screen.findByRole("region", { name: "Team service levels" });
    expect(await within(team).findByText("50%")).toBeTruthy();
    expect(within(team).getByText("Breached, still open").nextElementSibling!.textContent).toBe("1");
  });

  it("shows read-only members only what they looked at, with an empty state", () => {
    signIn("read_only");
    setConfig(snapshot());
    serve();
    renderAt(<CrmOverviewPage />, "/crm");
    expect(screen.getByText("Records you open show up here.")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "My open cases" })).toBeNull();
  });
});
