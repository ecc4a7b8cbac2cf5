import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ViewConfig } from "@shared/config/view";
import { TableViewRenderer } from "../../../../web/src/renderers/table/table-view-renderer";
import { handleServerMessage } from "../../../../web/src/state/realtime";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { crmSnapshot, makeRecord } from "../fixtures";

const view = () => crmSnapshot().view!.deals!.all as ViewConfig;
const longName = "X".repeat(200);

function serve(onPatch: (init: RequestInit) => Response) {
  let server = makeRecord("deals", { name: "Big one", amount: 100 }, { id: "d1", status: "lead", version: 1 });
  const fetch = mockFetch((url, init) => {
    if (url.pathname === "/api/crm/deals")
      return json(200, {
        items: [server, makeRecord("deals", { name: longName }, { id: "d2", status: "lead" })],
        nextCursor: null,
      });
    if (url.pathname === "/api/crm/deals/d1" && init.method === "PATCH") {
      const response = onPatch(init);
      // The server coerces "250" to 250, as the real one does.
      const sent = Object.fromEntries(
        Object.entries(JSON.parse(String(init.body)) as Record<string, unknown>).map(([k, v]) => [
          k,
          k === "amount" ? Number(v) : v,
        ]),
      );
      if (response.ok) server = { ...server, version: server.version + 1, data: { ...server.data, ...sent } };
      return response.ok ? json(200, server) : response;
    }
    if (url.pathname === "/api/crm/deals/d1")
      return json(200, { ...server, version: 5, data: { ...server.data, name: "Their name" } });
    return apiError(404, "not_found", "Not found");
  });
  return fetch;
}

const cellOf = (text: string) => screen.getByText(text).closest("td")!;

describe("inline editing in table cells", () => {
  it("edits a value in place and sends If-Match with the row's version", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = serve(() => json(200, {}));
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    await screen.findByText("Big one");
    const cell = cellOf("$100.00");
    fireEvent.click(cell.querySelector(".inline-cell")!);
    const input = within(cell).getByRole("textbox", { name: "Value" });
    fireEvent.change(input, { target: { value: "250" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(await screen.findByText("$250.00")).toBeTruthy();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === "PATCH")!;
    expect(JSON.parse(String(patch[1]!.body))).toEqual({ amount: "250" });
    expect(patch[1]!.headers).toMatchObject({ "if-match": '"1"' });
  });

  it("on a conflict offers theirs, mine or cancel; overwrite saves over the newest version", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let first = true;
    const fetch = serve(() => {
      if (!first) return json(200, {});
      first = false;
      return apiError(412, "precondition_failed", "Version mismatch");
    });
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    const cell = (await screen.findByText("$100.00")).closest("td")!;
    fireEvent.keyDown(cell.querySelector(".inline-cell")!, { key: "Enter" });
    const input = within(cell).getByRole("textbox", { name: "Value" });
    fireEvent.change(input, { target: { value: "300" } });
    fireEvent.keyDown(input, { key: "Enter" });
    const dialog = await screen.findByRole("dialog", { name: "Someone else saved this first" });
    expect(within(dialog).getByRole("button", { name: "Reload theirs" })).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Overwrite with mine" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("$300.00")).toBeTruthy();
    const patches = fetch.mock.calls.filter(([, init]) => init?.method === "PATCH");
    expect(patches.map(([, init]) => (init!.headers as Record<string, string>)["if-match"])).toEqual(['"1"', '"5"']);
  });

  it("shows the new value at once, and on a 412 takes it back and shows the server's version", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let answer: (response: Response) => void = () => {};
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/deals")
        return json(200, {
          items: [makeRecord("deals", { name: "Big one", amount: 100 }, { id: "d1", status: "lead", version: 1 })],
          nextCursor: null,
        });
      if (url.pathname === "/api/crm/deals/d1" && init.method === "PATCH")
        return new Promise<Response>((resolve) => (answer = resolve));
      if (url.pathname === "/api/crm/deals/d1")
        return json(
          200,
          makeRecord("deals", { name: "Big one", amount: 175 }, { id: "d1", status: "lead", version: 4 }),
        );
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    const cell = (await screen.findByText("$100.00")).closest("td")!;
    fireEvent.click(cell.querySelector(".inline-cell")!);
    fireEvent.change(within(cell).getByRole("textbox", { name: "Value" }), { target: { value: "250" } });
    fireEvent.keyDown(within(cell).getByRole("textbox", { name: "Value" }), { key: "Enter" });

    // Before the server has answered, the table already shows the new amount.
    expect(await within(cell).findByText("$250.00")).toBeTruthy();
    await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === "PATCH")).toBe(true));
    expect(within(cell).queryByRole("textbox")).toBeNull();

    act(() => answer(apiError(412, "precondition_failed", "Version mismatch")));
    const dialog = await screen.findByRole("dialog", { name: "Someone else saved this first" });
    expect(await within(dialog).findByText("$175.00")).toBeTruthy(); // theirs, as the server has it now
    expect(within(dialog).getByText("$250.00")).toBeTruthy(); // yours

    // Back to editing keeps what was typed; leaving the edit shows the amount rolled back.
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    const input = within(cell).getByRole("textbox", { name: "Value" });
    expect(input).toHaveProperty("value", "250");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(within(cell).getByText("$100.00")).toBeTruthy();
    expect(screen.queryByText("$250.00")).toBeNull();
  });

  it("Reload theirs shows the other person's value; Escape cancels an edit", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serve(() => apiError(412, "precondition_failed", "Version mismatch"));
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    const cell = (await screen.findByText("$100.00")).closest("td")!;
    fireEvent.click(cell.querySelector(".inline-cell")!);
    fireEvent.keyDown(within(cell).getByRole("textbox"), { key: "Escape" });
    expect(within(cell).queryByRole("textbox")).toBeNull();

    const nameCell = screen.getByText("Big one").closest("td")!;
    fireEvent.click(nameCell.querySelector(".inline-cell")!);
    const input = within(nameCell).getByRole("textbox", { name: "Deal" });
    fireEvent.change(input, { target: { value: "Mine" } });
    fireEvent.keyDown(input, { key: "Enter" });
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Reload theirs" }));
    expect(await screen.findByText("Their name")).toBeTruthy();
  });

  it("treats a change that arrives live while editing as a conflict, not something to overwrite", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let version = 1;
    const fetch = mockFetch((url, init) => {
      const row = makeRecord(
        "deals",
        { name: "Big one", amount: version === 1 ? 100 : 150 },
        { id: "d1", status: "lead", version },
      );
      if (url.pathname === "/api/crm/deals" && (init.method ?? "GET") === "GET")
        return json(200, { items: [row], nextCursor: null });
      if (url.pathname === "/api/crm/deals/d1" && init.method === "PATCH") {
        return (init.headers as Record<string, string>)["if-match"] === `"${version}"`
          ? json(200, row)
          : apiError(412, "precondition_failed", "Stale");
      }
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    const cell = (await screen.findByText("$100.00")).closest("td")!;
    fireEvent.click(cell.querySelector(".inline-cell")!);
    fireEvent.change(within(cell).getByRole("textbox", { name: "Value" }), { target: { value: "300" } });
    version = 2; // someone else saves; the row refreshes under the open editor
    act(() => handleServerMessage({ type: "record.changed", entity: "deals", id: "d1", op: "updated", version: 2 }));
    await waitFor(() =>
      expect(fetch.mock.calls.filter(([u]) => String(u).includes("where=")).length).toBeGreaterThan(0),
    );
    fireEvent.keyDown(within(cell).getByRole("textbox", { name: "Value" }), { key: "Enter" });
    expect(await screen.findByRole("dialog", { name: "Someone else saved this first" })).toBeTruthy();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === "PATCH")!;
    expect((patch[1]!.headers as Record<string, string>)["if-match"]).toBe('"1"');
  });

  it("shows a refusal that is not a conflict (a taken unique value) at the cell", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serve(() =>
      apiError(409, "duplicate", "A unique field's value is already taken", [
        { path: "amount", message: "is already taken" },
      ]),
    );
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    const cell = (await screen.findByText("$100.00")).closest("td")!;
    fireEvent.click(cell.querySelector(".inline-cell")!);
    fireEvent.change(within(cell).getByRole("textbox"), { target: { value: "5" } });
    fireEvent.keyDown(within(cell).getByRole("textbox"), { key: "Enter" });
    expect(await within(cell).findByRole("alert")).toHaveProperty("textContent", "is already taken");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("truncates a long unbroken value with its full text as a tooltip; read-only members only read", async () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    serve(() => json(200, {}));
    renderAt(<TableViewRenderer entity="deals" viewKey="all" view={view()} caption="All deals" />);
    const link = await screen.findByRole("link", { name: longName });
    expect(link.getAttribute("title")).toBe(longName);
    expect(link.closest("td")!.className).toContain("cell-truncate");
    expect(link.closest("td")!.querySelector(".inline-cell")).toBeNull();
    expect(
      within(screen.getByRole("table")).getAllByRole("columnheader")[0]!.querySelector(".column-resizer"),
    ).toBeTruthy();
  });
});
