import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ViewConfig } from "@shared/config/view";
import { TableViewRenderer } from "../../../../web/src/renderers/table/table-view-renderer";
import { handleServerMessage } from "../../../../web/src/state/realtime";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { crmSnapshot, makeRecord } from "../fixtures";

const view = () => crmSnapshot().view!.deals!.all as ViewConfig;
const headers = () => within(screen.getByRole("table")).getAllByRole("columnheader");

function serveDeals(pages: { items: unknown[]; nextCursor?: string | null }[] = []) {
  let call = 0;
  return mockFetch((url) => {
    if (url.pathname === "/api/crm/deals") {
      const page = pages[Math.min(call++, pages.length - 1)] ?? { items: [] };
      return json(200, { nextCursor: null, ...page });
    }
    if (url.pathname === "/api/crm/customers")
      return json(200, { items: [makeRecord("customers", { name: "Globex" }, { id: "c1" })], nextCursor: null });
    return apiError(404, "not_found", "Not found");
  });
}

const deal = (id: string, data: Record<string, unknown>, status = "lead") => makeRecord("deals", data, { id, status });

function renderTable() {
  return renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
}

describe("TableViewRenderer", () => {
  it("renders the view's columns (labels, widths) and formats cells by field type", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serveDeals([
      {
        items: [
          deal(
            "d1",
            {
              name: "Big one",
              amount: 1234.5,
              closeDate: "2026-04-30",
              source: "ref",
              labels: ["hot", "big"],
              customer: "c1",
              won: true,
            },
            "qualified",
          ),
        ],
      },
    ]);
    renderTable();
    await screen.findByRole("link", { name: "Big one" });
    expect(headers().map((h) => h.textContent)).toEqual([
      "Deal",
      "Value",
      "Status",
      "Close",
      "Source",
      "Labels",
      "Customer",
      "Won?",
    ]);
    expect(headers()[0]!.style.width).toBe("200px");
    const row = screen.getAllByRole("row")[1]!;
    const cells = within(row)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells[1]).toBe("$1,234.50");
    expect(cells[2]).toBe("Qualified"); // the workflow step's label
    expect(cells[3]).toBe("Apr 30, 2026");
    expect(cells[4]).toBe("Referral"); // the option's label
    expect(cells[5]).toBe("HotBig"); // chips
    expect(await within(row).findByRole("link", { name: "Globex" })).toHaveProperty("pathname", "/crm/customers/c1");
    expect(cells[7]).toBe("Yes");
    expect(screen.getByRole("link", { name: "Big one" })).toHaveProperty("pathname", "/crm/deals/d1");
  });

  it("sorts on the server when a header is clicked", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = serveDeals([{ items: [deal("d1", { name: "A" })] }]);
    renderTable();
    await screen.findByRole("link", { name: "A" });
    const urls = () =>
      fetch.mock.calls.map(([u]) => new URL(String(u), "http://x")).filter((u) => u.pathname === "/api/crm/deals");

    fireEvent.click(within(headers()[1]!).getByRole("button", { name: /Value/ }));
    await waitFor(() => expect(urls().at(-1)!.searchParams.get("sort")).toBe("amount"));
    expect(headers()[1]!.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(within(headers()[1]!).getByRole("button", { name: /Value/ }));
    await waitFor(() => expect(urls().at(-1)!.searchParams.get("sort")).toBe("-amount"));
    expect(headers()[1]!.getAttribute("aria-sort")).toBe("descending");
    expect(urls().every((u) => u.searchParams.get("view") === "all")).toBe(true);
  });

  it("searches with q and filters with a where condition", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = serveDeals([{ items: [] }]);
    renderTable();
    expect(await screen.findByText("No records yet")).toBeTruthy();
    const last = () => new URL(String(fetch.mock.calls.at(-1)![0]), "http://x").searchParams;

    fireEvent.change(screen.getByRole("searchbox", { name: "Search All deals" }), { target: { value: "acme" } });
    await waitFor(() => expect(last().get("q")).toBe("acme"));

    fireEvent.change(screen.getByLabelText("Filter field"), { target: { value: "amount" } });
    fireEvent.change(screen.getByLabelText("Condition"), { target: { value: "gt" } });
    fireEvent.change(screen.getByLabelText("Filter value"), { target: { value: "1000" } });
    fireEvent.click(screen.getByRole("button", { name: "Add filter" }));
    await waitFor(() => expect(JSON.parse(last().get("where")!)).toEqual({ field: "amount", op: "gt", value: 1000 }));
    expect(await screen.findByText("No records match")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Remove filter Amount > 1000" }));
    await waitFor(() => expect(last().get("where")).toBeNull());
  });

  it("applies record.changed: refetches the row through the view, drops deleted rows", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const rows = new Map([
      ["d1", deal("d1", { name: "First" })],
      ["d2", deal("d2", { name: "Second" })],
    ]);
    const fetch = mockFetch((url) => {
      const where = url.searchParams.get("where");
      if (!where) return json(200, { items: [...rows.values()], nextCursor: null });
      const id = (JSON.parse(where) as { value: string }).value;
      return json(200, { items: rows.has(id) ? [rows.get(id)] : [], nextCursor: null });
    });
    renderTable();
    await screen.findByRole("link", { name: "First" });

    rows.set("d1", { ...rows.get("d1")!, version: 2, data: { name: "First, renamed" } });
    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d1", op: "updated", version: 2 }));
    expect(await screen.findByRole("link", { name: "First, renamed" })).toBeTruthy();
    const refetch = fetch.mock.calls
      .map(([u]) => new URL(String(u), "http://x"))
      .find((u) => u.searchParams.get("where"));
    expect(refetch!.searchParams.get("view")).toBe("all");

    rows.set("d3", deal("d3", { name: "Brand new" }));
    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d3", op: "created", version: 1 }));
    expect(await screen.findByRole("link", { name: "Brand new" })).toBeTruthy();

    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d2", op: "deleted", version: 3 }));
    await waitFor(() => expect(screen.queryByRole("link", { name: "Second" })).toBeNull());
    act(() =>
      handleServerMessage({ type: "record.changed", entity: "customers", id: "d1", op: "deleted", version: 3 }),
    );
    expect(screen.getByRole("link", { name: "First, renamed" })).toBeTruthy(); // another entity: untouched
  });

  it("pages with the cursor", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = serveDeals([
      { items: [deal("d1", { name: "One" })], nextCursor: "c-2" },
      { items: [deal("d2", { name: "Two" })], nextCursor: null },
    ]);
    renderTable();
    fireEvent.click(await screen.findByRole("button", { name: "Load more" }));
    expect(await screen.findByRole("link", { name: "Two" })).toBeTruthy();
    expect(new URL(String(fetch.mock.calls.at(-1)![0]), "http://x").searchParams.get("cursor")).toBe("c-2");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });
});
