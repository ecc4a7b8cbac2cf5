import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ViewConfig } from "@shared/config/view";
import { HistoryPanel } from "../../../../web/src/pages/crm/record/history-panel";
import { ApprovalsPage } from "../../../../web/src/pages/crm/work/approvals-page";
import { PersonName } from "../../../../web/src/renderers/shared/cell-value";
import { TableViewRenderer } from "../../../../web/src/renderers/table/table-view-renderer";
import { approval } from "../../fixtures";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { crmSnapshot, makeRecord } from "../fixtures";

const directory = [
  { id: "u1", name: "Ada Lovelace", role: "admin" },
  { id: "u2", name: "Bob Stone", role: "agent" },
];

function serve(extra: (url: URL) => Response | undefined = () => undefined) {
  return mockFetch((url) => {
    const handled = extra(url);
    if (handled) return handled;
    if (url.pathname === "/api/crm/members") return json(200, { items: directory });
    return apiError(404, "not_found", "Not found");
  });
}

const memberCalls = (fetch: ReturnType<typeof serve>) =>
  fetch.mock.calls.filter(([u]) => String(u).startsWith("/api/crm/members")).length;

afterEach(() => {
  vi.useRealTimers();
});

describe("people's names", () => {
  it("shows owners and people fields by name for any role, loading the directory once", async () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    const fetch = serve((url) =>
      url.pathname === "/api/crm/accounts"
        ? json(200, {
            items: [
              makeRecord("accounts", { name: "Acme", owner: "u2" }, { id: "a1", ownerId: "u2" }),
              makeRecord("accounts", { name: "Globex", owner: "u1" }, { id: "a2", ownerId: "u9-left-the-company" }),
            ],
            nextCursor: null,
          })
        : undefined,
    );
    const view: ViewConfig = {
      title: "Accounts",
      type: "table",
      columns: [{ field: "name" }, { field: "owner" }, { field: "ownerId" }],
    };
    renderAt(<TableViewRenderer entity="accounts" viewKey="all" view={view} caption="Accounts" />);

    const table = await screen.findByRole("table");
    await waitFor(() => expect(within(table).getAllByRole("row")[1]!.textContent).toBe("AcmeBob StoneBob Stone"));
    // Yourself as "You"; someone no longer in the directory by a short id.
    expect(within(table).getAllByRole("row")[2]!.textContent).toBe("GlobexYouu9-left-…");
    expect(memberCalls(fetch)).toBe(1);
    expect(fetch.mock.calls.some(([u]) => String(u).includes("/admin/members"))).toBe(false);
  });

  it("names the people in record history and approval requests", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    serve((url) => {
      if (url.pathname.endsWith("/history")) {
        return json(200, {
          items: [
            { at: "2026-01-02T10:00:00.000Z", actor: { id: "u2", name: null }, action: "record.created", changes: {} },
            {
              at: "2026-01-03T10:00:00.000Z",
              actor: { id: "u2", name: null },
              action: "record.updated",
              changes: { owner: { from: "u1", to: "u2" } },
            },
          ],
        });
      }
      if (url.pathname === "/api/crm/approvals") {
        return json(200, {
          items: [approval({ requestedBy: "u2", requestedAt: "2026-01-03T10:00:00.000Z" })],
        });
      }
      if (url.pathname === "/api/crm/deals")
        return json(200, { items: [makeRecord("deals", { name: "Big one" }, { id: "d1" })], nextCursor: null });
      return undefined;
    });
    const { unmount } = renderAt(
      <HistoryPanel entity="accounts" id="a1" version={2} form={crmSnapshot().form!.accounts!.default as never} />,
    );
    const history = await screen.findByRole("region", { name: "History" });
    const heads = () => [...history.querySelectorAll(".timeline-head")].map((p) => p.textContent);
    await waitFor(() => expect(heads()).toEqual(["Bob Stone changed", "Bob Stone created it"]));
    expect(within(history).getByText(/Account owner:/).textContent).toBe("Account owner: You → Bob Stone");
    unmount();

    renderAt(<ApprovalsPage />);
    const list = await screen.findByRole("list", { name: "Pending approvals" });
    await waitFor(() =>
      expect(within(list).getByText(/requested/).parentElement!.textContent).toMatch(/by Bob Stone$/),
    );
  });

  it("asks the directory again for someone it doesn't know, at most once a minute", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    signIn("agent");
    let people = directory;
    const fetch = mockFetch(() => json(200, { items: people }));
    const { unmount } = renderAt(
      <p>
        <PersonName id="u2" /> and <PersonName id="u3-newcomer" />
      </p>,
    );
    await waitFor(() => expect(screen.getByText(/and/).textContent).toBe("Bob Stone and u3-newco…"));
    expect(memberCalls(fetch)).toBe(1);
    unmount();

    people = [...directory, { id: "u3-newcomer", name: "Cy Newman", role: "agent" }];
    await act(async () => {
      vi.setSystemTime(Date.now() + 61_000);
    });
    renderAt(
      <p>
        <PersonName id="u3-newcomer" />
      </p>,
    );
    expect(await screen.findByText("Cy Newman")).toBeTruthy();
    expect(memberCalls(fetch)).toBe(2);
  });
});
