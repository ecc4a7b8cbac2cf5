import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { NotificationBell } from "../../../web/src/layout/notification-bell";
import { PageHeader } from "../../../web/src/components/page-header";
import { handleServerMessage } from "../../../web/src/state/realtime";
import { useNotificationStore } from "../../../web/src/state/notifications";
import { apiError, json, makeSnapshot, mockFetch, renderAt, setConfig, signIn } from "../helpers";

const note = (id: string, title: string, read = false) => ({
  id,
  kind: "assigned" as const,
  at: "2026-03-01T10:00:00.000Z",
  read,
  title,
  entity: "cases",
  recordId: `k-${id}`,
});

beforeEach(() => useNotificationStore.setState({ items: [], unread: 0, status: "idle", error: null }));

describe("notification bell", () => {
  it("shows the unread count on the bell and in the tab title, lists notifications and marks them read", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    let unread = 2;
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/notifications")
        return json(200, {
          items: [note("n1", "Case: Printer on fire"), note("n2", "Case: VPN down"), note("n0", "Old one", true)],
          unread,
          nextCursor: null,
        });
      if (url.pathname === "/api/notifications/read") {
        const ids = (JSON.parse(String(init.body)) as { ids?: string[] }).ids;
        unread = ids ? unread - ids.length : 0;
        return json(200, { unread });
      }
      return apiError(404, "not_found", "Not found");
    });
    renderAt(
      <>
        <NotificationBell />
        <PageHeader title="Home" />
      </>,
      "/crm",
    );
    const bell = await screen.findByRole("button", { name: "Notifications, 2 unread" });
    await waitFor(() => expect(document.title).toBe("(2) Home · Acme Inc"));

    fireEvent.click(bell);
    const panel = screen.getByRole("region", { name: "Notifications" });
    const list = within(panel).getByRole("list", { name: "Latest notifications" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(
      within(list)
        .getByRole("link", { name: /Printer on fire/ })
        .getAttribute("href"),
    ).toBe("/crm/cases/k-n1");

    fireEvent.click(within(panel).getByRole("button", { name: "Mark read: Case: VPN down" }));
    expect(await screen.findByRole("button", { name: "Notifications, 1 unread" })).toBeTruthy();
    const post = fetch.mock.calls.find(([u]) => String(u).endsWith("/notifications/read"))!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ ids: ["n2"] });

    fireEvent.click(within(panel).getByRole("button", { name: "Mark all read" }));
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe("Home · Acme Inc"));
  });

  it("takes a new notification from the socket at once", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch((url) =>
      url.pathname === "/api/notifications"
        ? json(200, { items: [], unread: 0, nextCursor: null })
        : apiError(404, "not_found", "Not found"),
    );
    renderAt(<NotificationBell />, "/crm");
    fireEvent.click(await screen.findByRole("button", { name: "Notifications" }));
    expect(await screen.findByText("You're all caught up.")).toBeTruthy();
    act(() =>
      handleServerMessage({ type: "notification", notification: note("n9", "Case assigned: Server room flooded") }),
    );
    expect(screen.getByRole("button", { name: "Notifications, 1 unread" })).toBeTruthy();
    expect(screen.getByText("Case assigned: Server room flooded")).toBeTruthy();
  });

  it("offers a retry when notifications can't be loaded", async () => {
    signIn("agent");
    setConfig(makeSnapshot());
    mockFetch(() => apiError(500, "internal", "Down"));
    renderAt(<NotificationBell />, "/crm");
    fireEvent.click(screen.getByRole("button", { name: "Notifications" }));
    expect(await screen.findByRole("button", { name: "Retry" })).toBeTruthy();
  });
});
