import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PaletteButton, PaletteHost, usePaletteStore } from "../../../web/src/layout/palette/palette-host";
import { rememberRecent, useRecentStore } from "../../../web/src/state/recent-records";
import { apiError, json, makeSnapshot, mockFetch, renderRoutes, setConfig, signIn } from "../helpers";

function page(text: string) {
  return (
    <>
      <PaletteButton />
      <PaletteHost />
      <p>{text}</p>
    </>
  );
}
const routes = [
  { path: "/crm", element: page("Home page") },
  { path: "/crm/:entity/new", element: page("New record page") },
  { path: "/crm/:entity/:id", element: page("Record page") },
  { path: "*", element: page("Elsewhere") },
];

const press = (key: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });

afterEach(() => {
  usePaletteStore.setState({ open: false });
  useRecentStore.setState({ byUser: {} });
});

describe("command palette", () => {
  it("opens with Ctrl+K, finds a record across entities and opens it with the keyboard", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    const fetch = mockFetch((url) => {
      if (url.pathname === "/api/crm/search") {
        return json(200, {
          items: [
            { entity: "customers", id: "c1", title: "Globex Corporation", record: {}, snippet: null },
            { entity: "deals", id: "d7", title: "Globex renewal", record: {}, snippet: null },
          ],
        });
      }
      return apiError(404, "not_found", "Not found");
    });
    const { router } = renderRoutes(routes, "/crm");
    act(() => void fireEvent.keyDown(window, { key: "k", ctrlKey: true }));
    const dialog = screen.getByRole("dialog", { name: "Search and commands" });
    const input = within(dialog).getByRole("combobox");
    expect(document.activeElement).toBe(input);

    fireEvent.change(input, { target: { value: "glo" } });
    const listbox = within(dialog).getByRole("listbox");
    await within(listbox).findByRole("option", { name: /Globex renewal/ });
    expect(fetch.mock.calls.some(([u]) => String(u).includes("/api/crm/search?q=glo"))).toBe(true);
    const options = within(listbox).getAllByRole("option");
    expect(options[0]!.textContent).toContain("Globex Corporation");
    expect(options[0]!.textContent).toContain("Customer");
    expect(options[0]!.getAttribute("aria-selected")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[0]!.id);

    press("ArrowDown");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[1]!.id);
    expect(options[1]!.getAttribute("aria-selected")).toBe("true");
    press("Enter");
    await waitFor(() => expect(router.state.location.pathname).toBe("/crm/deals/d7"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("offers pages and New <entity> actions, and closes with Escape", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => json(200, { items: [] }));
    const { router } = renderRoutes(routes, "/crm");
    fireEvent.click(screen.getByRole("button", { name: /Search/ }));
    const dialog = screen.getByRole("dialog");
    const input = within(dialog).getByRole("combobox");
    fireEvent.change(input, { target: { value: "new deal" } });
    const option = await within(dialog).findByRole("option", { name: "New deal" });
    expect(within(dialog).queryByRole("option", { name: "My activities" })).toBeNull();
    expect(await within(dialog).findByText(/0 records/)).toBeTruthy();
    press("Enter");
    await waitFor(() => expect(router.state.location.pathname).toBe("/crm/deals/new"));
    expect(option).toBeTruthy();

    act(() => void fireEvent.keyDown(window, { key: "k", metaKey: true }));
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "activ" } });
    expect(await screen.findByRole("option", { name: "My activities" })).toBeTruthy();
    press("Escape");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("offers the records opened lately before anything is typed", () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => json(200, { items: [] }));
    rememberRecent("u1", { entity: "customers", id: "c1", title: "Globex Corporation" });
    renderRoutes(routes, "/crm");
    act(() => void fireEvent.keyDown(window, { key: "k", ctrlKey: true }));
    const first = within(screen.getByRole("listbox")).getAllByRole("option")[0]!;
    expect(first.textContent).toContain("Globex Corporation");
    expect(first.getAttribute("aria-selected")).toBe("true");
  });

  it("says so when the search fails, and keeps pages on offer", async () => {
    signIn("read_only");
    setConfig(makeSnapshot());
    mockFetch(() => apiError(500, "internal", "Search is down"));
    renderRoutes(routes, "/crm");
    act(() => void fireEvent.keyDown(window, { key: "k", ctrlKey: true }));
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "cust" } });
    expect(await screen.findByText("Search failed: Search is down")).toBeTruthy();
    expect(screen.getByRole("option", { name: "Customers" })).toBeTruthy();
    expect(screen.queryByRole("option", { name: /^New / })).toBeNull(); // read-only members create nothing
  });
});
