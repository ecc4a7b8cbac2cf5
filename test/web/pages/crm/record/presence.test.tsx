import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RecordPage } from "../../../../../web/src/pages/crm/record-page";
import { handleServerMessage, startRealtime } from "../../../../../web/src/state/realtime";
import { FakeWebSocket } from "../../../fake-websocket";
import { member } from "../../../fixtures";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";
import { crmSnapshot, makeRecord } from "../../../renderers/fixtures";

let stop: (() => void) | undefined;
afterEach(() => stop?.());

const customer = (version: number, name: string, updatedBy = "u1") =>
  makeRecord("customers", { name }, { id: "c1", version, updatedBy });

describe("presence on a record", () => {
  it("tells the server which record is open, shows the other viewers, and says so when one of them saves", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let current = customer(1, "Globex");
    mockFetch((url) => {
      if (url.pathname === "/api/crm/customers/c1") return json(200, current);
      if (url.pathname === "/api/crm/members")
        return json(200, { items: [member("u1", "Ada Lovelace"), member("u2", "Grace Hopper")] });
      return apiError(404, "not_found", "Not found");
    });
    stop = startRealtime("t");
    const socket = FakeWebSocket.latest();
    socket.serverOpen();
    const { unmount } = renderRoutes([{ path: "/crm/:entity/:id", element: <RecordPage /> }], "/crm/customers/c1");
    await screen.findByRole("heading", { level: 1, name: "Globex" });
    expect(socket.sent).toContainEqual({ type: "presence", entity: "customers", id: "c1" });

    act(() =>
      handleServerMessage({
        type: "presence",
        entity: "customers",
        id: "c1",
        users: [
          { id: "u1", name: "Ada Lovelace" },
          { id: "u2", name: "Grace Hopper" },
        ],
      }),
    );
    const group = screen.getByRole("group", { name: "Also viewing: Grace Hopper" });
    expect(within(group).getByText("GH")).toBeTruthy();
    expect(within(group).getByText("Grace Hopper is here")).toBeTruthy();

    // I am editing when Grace saves.
    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "Globex Inc" } });
    current = customer(2, "Globex Corp", "u2");
    act(() =>
      handleServerMessage({ type: "record.changed", entity: "customers", id: "c1", op: "updated", version: 2 }),
    );
    expect(
      await screen.findByText(/changed by someone else while you were editing: Grace Hopper saved it/),
    ).toBeTruthy();

    act(() =>
      handleServerMessage({
        type: "presence",
        entity: "customers",
        id: "c1",
        users: [{ id: "u1", name: "Ada Lovelace" }],
      }),
    );
    expect(screen.queryByRole("group", { name: /Also viewing/ })).toBeNull();

    unmount();
    await waitFor(() => expect(socket.sent.at(-1)).toEqual({ type: "presence", entity: null, id: null }));
  });

  it("says again which record is open after the socket reconnects", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    mockFetch((url) =>
      url.pathname === "/api/crm/customers/c1"
        ? json(200, customer(1, "Globex"))
        : apiError(404, "not_found", "Not found"),
    );
    renderRoutes([{ path: "/crm/:entity/:id", element: <RecordPage /> }], "/crm/customers/c1");
    await screen.findByRole("heading", { level: 1, name: "Globex" });
    stop = startRealtime("t");
    const socket = FakeWebSocket.latest();
    expect(socket.sent).toEqual([]);
    socket.serverOpen();
    expect(socket.sent).toContainEqual({ type: "presence", entity: "customers", id: "c1" });
  });
});
