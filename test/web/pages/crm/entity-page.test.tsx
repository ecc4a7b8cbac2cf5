import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { EntityPage } from "../../../../web/src/pages/crm/entity-page";
import { apiError, json, makeSnapshot, mockFetch, renderRoutes, setConfig, signIn } from "../../helpers";
import { makeRecord } from "../../renderers/fixtures";

const entityRoutes = [
  { path: "/crm/:entity", element: <EntityPage /> },
  { path: "/crm/:entity/views/:view", element: <EntityPage /> },
];

describe("entity page", () => {
  it("shows the view's title and the column headers from config", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    const fetch = mockFetch(() =>
      json(200, {
        items: [
          {
            id: "r1",
            entity: "customers",
            data: { name: "Globex", tier: "gold" },
            version: 1,
            createdAt: "",
            updatedAt: "",
            createdBy: null,
            updatedBy: null,
            ownerId: null,
          },
        ],
        nextCursor: null,
      }),
    );
    renderRoutes(entityRoutes, "/crm/customers/views/default");
    expect(screen.getByRole("heading", { level: 1, name: "All customers" })).toBeTruthy();
    const table = await screen.findByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Name", "Level"]);
    expect(within(table).getByRole("row", { name: "Globex Gold" })).toBeTruthy();
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/crm/customers?view=default");
  });

  it("starts loading a record's page while the pointer rests on its row", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    const globex = makeRecord("customers", { name: "Globex", tier: "gold" }, { id: "r1" });
    const fetch = mockFetch((url) => {
      if (url.pathname === "/api/crm/customers") return json(200, { items: [globex], nextCursor: null });
      if (url.pathname === "/api/crm/customers/r1") return json(200, globex);
      if (url.pathname === "/api/crm/customers/r1/related") return json(200, { groups: [] });
      if (url.pathname === "/api/crm/customers/r1/timeline") return json(200, { items: [], nextCursor: null });
      return apiError(404, "not_found", "Not found");
    });
    renderRoutes(entityRoutes, "/crm/customers/views/default");
    const row = await screen.findByRole("row", { name: "Globex Gold" });
    const asked = () => fetch.mock.calls.map(([url]) => new URL(String(url), "http://app.test").pathname);
    fireEvent.pointerEnter(row);
    await waitFor(() =>
      expect(asked()).toEqual(
        expect.arrayContaining([
          "/api/crm/customers/r1",
          "/api/crm/customers/r1/related",
          "/api/crm/customers/r1/timeline",
        ]),
      ),
    );
  });

  it("opens the default view when none is named", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => json(200, { items: [], nextCursor: null }));
    const { router } = renderRoutes(entityRoutes, "/crm/deals");
    expect(await screen.findByRole("heading", { level: 1, name: "All deals" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/crm/deals/views/default");
    const table = await screen.findByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Deal name", "Amount"]);
    expect(within(table).getByText("No records yet")).toBeTruthy();
    expect(
      within(screen.getByRole("navigation", { name: "Deals views" }))
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["All deals", "My deals"]);
  });

  it("explains when the records API is not there yet", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => apiError(404, "not_found", "Not found"));
    renderRoutes(entityRoutes, "/crm/customers");
    expect(await screen.findByText("This entity has no records API yet")).toBeTruthy();
  });

  it("tells apart an entity the server doesn't know", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => apiError(404, "unknown_entity", "Unknown entity"));
    renderRoutes(entityRoutes, "/crm/customers");
    expect(await screen.findByText("Unknown entity")).toBeTruthy();
  });

  it("says so for an entity or view that isn't configured", () => {
    signIn("agent");
    setConfig(makeSnapshot());
    const { unmount } = renderRoutes(entityRoutes, "/crm/spaceships");
    expect(screen.getByRole("heading", { level: 1, name: "Unknown entity" })).toBeTruthy();
    unmount();
    renderRoutes(entityRoutes, "/crm/deals/views/nope");
    expect(screen.getByRole("heading", { level: 1, name: "Unknown view" })).toBeTruthy();
  });
});

describe("entity page renderers", () => {
  it("offers New <entity> to agents, not to read-only members", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => json(200, { items: [], nextCursor: null }));
    const { unmount } = renderRoutes(entityRoutes, "/crm/customers/views/default");
    expect(screen.getByRole("link", { name: "New customer" })).toHaveProperty("pathname", "/crm/customers/new");
    await screen.findByRole("table");
    unmount();

    signIn("read_only");
    renderRoutes(entityRoutes, "/crm/customers/views/default");
    expect(screen.queryByRole("link", { name: "New customer" })).toBeNull();
    await screen.findByRole("table");
  });

  it("renders a kanban view as a board", async () => {
    signIn("manager");
    const snapshot = makeSnapshot();
    snapshot.view!.deals!.pipeline = {
      title: "Pipeline",
      type: "kanban",
      groupBy: "status",
      columns: [{ field: "name" }, { field: "amount" }],
    };
    snapshot.workflow = {
      deals: {
        default: {
          initial: "lead",
          steps: [
            { key: "lead", label: "Lead" },
            { key: "won", label: "Won", category: "won" },
          ],
          transitions: [{ from: "lead", to: "won" }],
        },
      },
    };
    setConfig(snapshot);
    mockFetch(() =>
      json(200, {
        items: [
          {
            id: "d1",
            entity: "deals",
            data: { name: "Rocket", amount: 10 },
            status: "lead",
            version: 1,
            createdAt: "",
            updatedAt: "",
            createdBy: null,
            updatedBy: null,
            ownerId: null,
          },
        ],
        nextCursor: null,
      }),
    );
    renderRoutes(entityRoutes, "/crm/deals/views/pipeline");
    const lead = await screen.findByRole("region", { name: "Lead" });
    expect(within(lead).getByRole("link", { name: "Rocket" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Won" })).toBeTruthy();
  });
});
