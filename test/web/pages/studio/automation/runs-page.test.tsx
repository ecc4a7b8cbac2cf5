import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EmailsPage } from "../../../../../web/src/pages/studio/automation/emails-page";
import { RunsPage } from "../../../../../web/src/pages/studio/automation/runs-page";
import { queryClient } from "../../../../../web/src/state/server-state";
import { apiError, json, makeSnapshot, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";

const routes = [
  { path: "/studio/runs", element: <RunsPage /> },
  { path: "/studio/emails", element: <EmailsPage /> },
];

function makeRun(overrides: Record<string, unknown> = {}) {
  return {
    id: "run_1",
    automation: "welcome_email",
    entity: "customers",
    trigger: "record.created",
    status: "succeeded",
    attempts: 1,
    createdAt: "2026-03-01T10:00:00.000Z",
    startedAt: "2026-03-01T10:00:01.000Z",
    finishedAt: "2026-03-01T10:00:02.000Z",
    nextAttemptAt: null,
    configVersion: 4,
    depth: 0,
    steps: [],
    ...overrides,
  };
}

const failedRun = makeRun({
  id: "run_2",
  automation: "escalate",
  status: "failed",
  attempts: 3,
  error: "Gave up after 3 attempts",
  steps: [
    {
      action: "tag_vip",
      type: "update_record",
      status: "done",
      at: "2026-03-01T10:05:00.000Z",
      result: { updated: ["tier"], version: 3 },
    },
    {
      action: "notify_ops",
      type: "webhook",
      status: "failed",
      at: "2026-03-01T10:05:01.000Z",
      error: "POST https://ops.test answered 502",
    },
  ],
});

afterEach(() => {
  vi.useRealTimers();
});

describe("automation runs", () => {
  it("lists runs with their status, and opens one to show its steps, results and errors", async () => {
    signIn("admin");
    setConfig(
      makeSnapshot({ automation: { customers: { welcome_email: { trigger: "on_create", actions: ["send"] } } } }),
    );
    const fetch = mockFetch((url) =>
      url.pathname === "/api/admin/automation/runs"
        ? json(200, { items: [failedRun, makeRun()] })
        : apiError(404, "not_found", "Not found"),
    );
    renderRoutes(routes, "/studio/runs");

    const table = await screen.findByRole("table", { name: "Automation runs" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole("cell")
          .slice(0, 5)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["▸escalate", "customers", "record.created", "failed", "3"],
      ["▸welcome_email", "customers", "record.created", "succeeded", "1"],
    ]);
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/admin/automation/runs?limit=50");

    const open = within(table).getByRole("button", { name: "escalate" });
    expect(open.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(open);
    expect(open.getAttribute("aria-expanded")).toBe("true");
    const detail = screen.getByRole("group", { name: "Run run_2" });
    expect(within(detail).getByText("Gave up after 3 attempts")).toBeTruthy();
    const steps = within(within(detail).getByRole("list", { name: "Steps" })).getAllByRole("listitem");
    expect(steps).toHaveLength(2);
    expect(within(steps[0]!).getByText("tag_vip")).toBeTruthy();
    expect(within(steps[0]!).getByText("done")).toBeTruthy();
    expect(JSON.parse(steps[0]!.querySelector("pre")!.textContent!)).toEqual({ updated: ["tier"], version: 3 });
    expect(within(steps[1]!).getByText("failed")).toBeTruthy();
    expect(steps[1]!.textContent).toContain("Error: POST https://ops.test answered 502");
  });

  it("filters by automation and status through the URL", async () => {
    signIn("admin");
    setConfig(
      makeSnapshot({ automation: { customers: { welcome_email: { trigger: "on_create", actions: ["send"] } } } }),
    );
    const fetch = mockFetch((url) =>
      json(200, { items: url.searchParams.get("status") === "failed" ? [failedRun] : [] }),
    );
    const { router } = renderRoutes(routes, "/studio/runs?automation=welcome_email");
    expect(await screen.findByText("No runs match these filters")).toBeTruthy();
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/admin/automation/runs?automation=welcome_email&limit=50");

    fireEvent.change(screen.getByRole("combobox", { name: "Automation" }), { target: { value: "" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Status" }), { target: { value: "failed" } });
    expect(await screen.findByRole("button", { name: "escalate" })).toBeTruthy();
    expect(router.state.location.search).toBe("?status=failed");
    expect(String(fetch.mock.calls.at(-1)![0])).toBe("/api/admin/automation/runs?status=failed&limit=50");
  });

  it("refreshes every few seconds while the page is visible, keeping an opened run open", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    signIn("admin");
    setConfig(makeSnapshot());
    let runs = [failedRun];
    const fetch = mockFetch(() => json(200, { items: runs }));
    renderRoutes(routes, "/studio/runs");
    fireEvent.click(await screen.findByRole("button", { name: "escalate" }));
    runs = [
      makeRun({ id: "run_3", automation: "late_one", status: "queued", nextAttemptAt: "2026-03-01T10:10:00.000Z" }),
      failedRun,
    ];
    await act(async () => {
      vi.advanceTimersByTime(5000);
    });
    expect(await screen.findByRole("button", { name: "late_one" })).toBeTruthy();
    expect(screen.getByRole("group", { name: "Run run_2" })).toBeTruthy();
    expect(fetch.mock.calls.length).toBe(2);

    fireEvent.click(screen.getByRole("checkbox", { name: "Auto-refresh" }));
    await act(async () => {
      vi.advanceTimersByTime(15000);
    });
    expect(fetch.mock.calls.length).toBe(2);
  });

  it("shows an empty state and a load error", async () => {
    signIn("admin");
    setConfig(makeSnapshot());
    mockFetch(() => json(200, { items: [] }));
    const { unmount } = renderRoutes(routes, "/studio/runs");
    expect(await screen.findByText("No automation has run yet")).toBeTruthy();
    unmount();

    // Back on the page: the cached list stays on screen while a failed refresh says so.
    mockFetch(() => apiError(500, "internal", "The tenant object is restarting"));
    const again = renderRoutes(routes, "/studio/runs");
    expect((await screen.findByRole("alert")).textContent).toContain("Couldn't refresh the runs");
    expect(screen.getByText("No automation has run yet")).toBeTruthy();
    again.unmount();

    // Nothing cached (a fresh session): the failure replaces the list.
    queryClient.clear();
    renderRoutes(routes, "/studio/runs");
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Couldn't load the runs")).toBeTruthy();
    expect(within(alert).getByText("The tenant object is restarting")).toBeTruthy();
  });
});

describe("outgoing email", () => {
  it("lists stored messages and opens one to read its body", async () => {
    signIn("admin");
    setConfig(makeSnapshot());
    mockFetch((url) => {
      if (url.pathname === "/api/admin/automation/emails") {
        return json(200, {
          items: [
            {
              id: "em_1",
              to: "ops@acme.test",
              subject: "Welcome, Acme",
              body: "Hello Acme,\nthanks for signing up.",
              status: "stored",
              provider: "local",
              entity: "customers",
              recordId: "c1",
              createdAt: "2026-03-01T10:00:00.000Z",
            },
          ],
        });
      }
      if (url.pathname === "/api/crm/customers")
        return json(200, {
          items: [
            {
              id: "c1",
              entity: "customers",
              data: { name: "Acme" },
              version: 1,
              createdAt: "2026-01-01T00:00:00.000Z",
              updatedAt: "2026-01-01T00:00:00.000Z",
              createdBy: null,
              updatedBy: null,
              ownerId: null,
            },
          ],
          nextCursor: null,
        });
      return apiError(404, "not_found", "Not found");
    });
    renderRoutes(routes, "/studio/emails");
    const table = await screen.findByRole("table", { name: "Outgoing email" });
    const row = within(table).getAllByRole("row")[1]!;
    expect(
      within(row)
        .getAllByRole("cell")
        .slice(1, 4)
        .map((c) => c.textContent),
    ).toEqual(["ops@acme.test", "stored", "local"]);
    expect(await within(row).findByRole("link", { name: "Acme" })).toHaveProperty("pathname", "/crm/customers/c1");

    fireEvent.click(within(row).getByRole("button", { name: "Welcome, Acme" }));
    const body = screen.getByRole("group", { name: "Body of “Welcome, Acme”" });
    expect(body.querySelector("pre")!.textContent).toBe("Hello Acme,\nthanks for signing up.");
    expect(
      within(screen.getByRole("navigation", { name: "Automation" }))
        .getByRole("link", { name: "Outgoing email" })
        .getAttribute("aria-current"),
    ).toBe("page");
  });

  it("shows where the tenant's incoming mail is received", async () => {
    signIn("admin");
    setConfig(makeSnapshot());
    mockFetch((url) =>
      url.pathname === "/api/admin/inbox/address"
        ? json(200, { addresses: ["support+acme@inbound.example"] })
        : json(200, { items: [] }),
    );
    renderRoutes(routes, "/studio/emails");
    const panel = await screen.findByRole("region", { name: "Incoming email" });
    expect(await within(panel).findByText("support+acme@inbound.example")).toBeTruthy();
  });

  it("says when there is no email yet", async () => {
    signIn("admin");
    setConfig(makeSnapshot());
    mockFetch((url) =>
      url.pathname === "/api/admin/inbox/address" ? json(200, { addresses: [] }) : json(200, { items: [] }),
    );
    renderRoutes(routes, "/studio/emails");
    expect(await screen.findByText("No email yet")).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/^Updated /)).toBeTruthy());
  });
});
