import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RecordNewPage } from "../../../../../web/src/pages/crm/record-new-page";
import { RecordPage } from "../../../../../web/src/pages/crm/record-page";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";
import { crmSnapshot, makeRecord } from "../../../renderers/fixtures";

const routes = [
  { path: "/crm/:entity", element: <p>The list</p> },
  { path: "/crm/:entity/new", element: <RecordNewPage /> },
  { path: "/crm/:entity/:id", element: <RecordPage /> },
];

const globex = makeRecord("customers", { name: "Globex Corporation" }, { id: "c1" });
const deal = (id: string, name: string, amount: number, createdAt: string) =>
  makeRecord("deals", { name, amount, customer: "c1" }, { id, status: "lead", createdAt });

const at = (day: number) => `2026-03-${String(day).padStart(2, "0")}T10:00:00.000Z`;
const entry = (id: string, kind: string, summary: string, day: number, extra: object = {}) => ({
  id,
  kind,
  summary,
  at: at(day),
  actor: { id: "u2", name: "automation:cases/escalate-long-name", kind: "automation" },
  ...extra,
});

function serve(
  timeline: (url: URL) => Response = () => json(200, { items: [], nextCursor: null }),
  recordHeld: Promise<void> = Promise.resolve(),
) {
  return mockFetch(async (url) => {
    if (url.pathname === "/api/crm/customers/c1") return recordHeld.then(() => json(200, globex));
    if (url.pathname === "/api/crm/customers/c1/related") {
      return json(200, {
        groups: [
          {
            entity: "deals",
            field: "customer",
            title: "Deals",
            columns: ["name", "amount"],
            total: 3,
            items: [deal("d1", "Alpha renewal", 500, at(1)), deal("d2", "Zeta upsell", 9000, at(3))],
          },
        ],
      });
    }
    if (url.pathname === "/api/crm/customers/c1/timeline") return timeline(url);
    return apiError(404, "not_found", "Not found");
  });
}

describe("record 360", () => {
  it("groups related records with their count, sorts them and offers a pre-filled New", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serve();
    const { router } = renderRoutes(routes, "/crm/customers/c1");
    const card = await screen.findByRole("article", { name: /Deals/ });
    expect(within(card).getByLabelText("3 in all")).toBeTruthy();
    const names = () =>
      within(card)
        .getAllByRole("row")
        .slice(1)
        .map((r) => within(r).getAllByRole("cell")[0]!.textContent);
    expect(names()).toEqual(["Zeta upsell", "Alpha renewal"]); // newest first
    fireEvent.change(within(card).getByLabelText("Sort Deals"), { target: { value: "amount:asc" } });
    expect(names()).toEqual(["Alpha renewal", "Zeta upsell"]);
    expect(within(card).getByText(/Showing the newest 2 of 3/)).toBeTruthy();

    fireEvent.click(within(card).getByRole("link", { name: "New deal" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/crm/deals/new"));
    expect(router.state.location.search).toBe("?customer=c1");
  });

  it("shows related records and the timeline while the record itself is still on its way", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let release!: () => void;
    const recordHeld = new Promise<void>((resolve) => (release = resolve));
    const timelineAsks: string[] = [];
    serve((url) => {
      timelineAsks.push(url.search);
      return json(200, { items: [entry("t1", "history", "Created the customer", 2)], nextCursor: null });
    }, recordHeld);
    renderRoutes(routes, "/crm/customers/c1");
    const card = await screen.findByRole("article", { name: /Deals/ });
    expect(within(card).getByText("Zeta upsell")).toBeTruthy();
    expect(await screen.findByText("Created the customer")).toBeTruthy();
    expect(screen.getByText("Loading customer…")).toBeTruthy();

    release();
    expect(await screen.findByRole("heading", { level: 1, name: "Globex Corporation" })).toBeTruthy();
    expect(screen.queryByText("Loading customer…")).toBeNull();
    // The record's arrival is not a change to the record: the timeline is not asked for again.
    expect(screen.getByText("Created the customer")).toBeTruthy();
    expect(timelineAsks).toHaveLength(1);
  });

  it("pre-fills the reference on the new record's form", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    mockFetch((url) =>
      url.pathname === "/api/crm/customers/c1" ? json(200, globex) : apiError(404, "not_found", "Not found"),
    );
    renderRoutes(routes, "/crm/deals/new?customer=c1");
    expect(await screen.findByRole("heading", { level: 1, name: "New deal" })).toBeTruthy();
    const form = screen.getByRole("form");
    expect(
      within(form).getAllByDisplayValue(/c1|Globex/).length + within(form).queryAllByText("Globex Corporation").length,
    ).toBeGreaterThan(0);
  });

  it("shows one timeline newest first, filters by kind and loads more by cursor", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = serve((url) => {
      if (url.searchParams.get("kinds") === "activity")
        return json(200, {
          items: [entry("a1", "activity", "Call: follow up", 4, { data: { status: "open" } })],
          nextCursor: null,
        });
      if (url.searchParams.get("cursor") === "next")
        return json(200, { items: [entry("h0", "history", "Created", 1)], nextCursor: null });
      return json(200, {
        items: [
          entry("m1", "message", "Jane: Broken login", 5, { data: { body: "It fails again." } }),
          entry("s1", "sla", "SLA breached: first_response", 4),
          entry("h1", "history", "Changed Name", 2, {
            data: { changes: { name: { from: "Globex", to: "Globex Corporation" } } },
          }),
        ],
        nextCursor: "next",
      });
    });
    renderRoutes(routes, "/crm/customers/c1");
    const timeline = await screen.findByRole("region", { name: "Timeline" });
    const items = async () =>
      within(await within(timeline).findByRole("list", { name: "Timeline entries" }))
        .getAllByRole("listitem")
        .filter((li) => li.classList.contains("feed-item"));
    expect((await items()).map((li) => li.querySelector(".feed-summary")!.textContent)).toEqual([
      "Jane: Broken login",
      "SLA breached: first_response",
      "Changed Name",
    ]);
    expect(within(timeline).getByText("It fails again.")).toBeTruthy();
    expect(within(timeline).getByText(/Globex Corporation/)).toBeTruthy();
    // An automation's full name, never "automati…"
    expect(within(timeline).getAllByText(/automation:cases\/escalate-long-name/).length).toBeGreaterThan(0);

    fireEvent.click(within(timeline).getByRole("button", { name: "Load more" }));
    await waitFor(async () => expect((await items()).length).toBe(4));
    expect(within(timeline).queryByRole("button", { name: "Load more" })).toBeNull();

    fireEvent.click(within(timeline).getByRole("button", { name: "Activities" }));
    await waitFor(async () =>
      expect((await items()).map((li) => li.querySelector(".feed-summary")!.textContent)).toEqual(["Call: follow up"]),
    );
    expect(within(timeline).getByRole("button", { name: "Activities" }).getAttribute("aria-pressed")).toBe("true");
    expect(fetch.mock.calls.some(([u]) => String(u).includes("kinds=activity"))).toBe(true);
  });

  it("says so when the timeline can't be loaded", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serve(() => apiError(500, "internal", "Database unavailable"));
    renderRoutes(routes, "/crm/customers/c1");
    expect(await screen.findByText("Couldn't load the timeline")).toBeTruthy();
    expect(screen.getByText("Database unavailable")).toBeTruthy();
  });
});
