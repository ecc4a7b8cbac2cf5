import { describe, expect, it } from "vitest";
import { crmLinks, dashboardEntries } from "../../../web/src/config/crm-links";
import { makeSnapshot } from "../helpers";

const dashboard = (title: string) => ({ title, widgets: [] });

describe("CRM links", () => {
  it("shows Dashboard only when a dashboard config is published, and work queues to agents and up", () => {
    expect(crmLinks(makeSnapshot(), "agent").map((l) => l.label)).toEqual([
      "Inbox",
      "My activities",
      "My approvals",
      "Jobs",
    ]);
    const withDashboard = makeSnapshot({ dashboard: { tenant: { default: dashboard("Sales") } } });
    expect(crmLinks(withDashboard, "read_only")).toEqual([{ label: "Dashboard", to: "/crm/dashboard" }]);
    expect(crmLinks(withDashboard, "manager").map((l) => l.label)).toEqual([
      "Dashboard",
      "Inbox",
      "My activities",
      "My approvals",
      "Jobs",
    ]);
  });

  it("puts the default dashboard first, then the others by title", () => {
    const snapshot = makeSnapshot({
      dashboard: {
        tenant: {
          zeta: dashboard("Zeta"),
          alpha: dashboard("Alpha"),
          default: dashboard("Main"),
          broken: { nope: true },
        },
      },
    });
    expect(dashboardEntries(snapshot).map(([key]) => key)).toEqual(["default", "alpha", "zeta"]);
  });
});
