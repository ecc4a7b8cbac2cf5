import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ThreadPage } from "../../../../../web/src/pages/crm/work/thread-page";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../../helpers";
import { crmSnapshot } from "../../../renderers/fixtures";

const routes = [{ path: "/crm/inbox/:caseId", element: <ThreadPage /> }];
const inbound = {
  id: "m1",
  direction: "in",
  channel: "email",
  externalId: "<m1@customer.test>",
  caseId: "c1",
  customerId: "cu1",
  to: "support@acme.test",
  subject: "Printer broken",
  body: "It jams.",
  from: { email: "jane@customer.test", name: "Jane" },
  receivedAt: "2026-01-02T10:00:00.000Z",
  auth: { spf: "pass", dmarc: "fail" },
  attachments: [
    {
      id: "att_1",
      filename: "jam.txt",
      contentType: "text/plain",
      size: 2048,
      stored: true,
      url: "/api/crm/inbox/attachments/att_1",
    },
  ],
};

const reply = {
  id: "m2",
  direction: "out",
  channel: "email",
  externalId: "<m2@acme.test>",
  caseId: "c1",
  customerId: "cu1",
  from: { email: "support@acme.test", name: "Acme support" },
  to: "jane@customer.test",
  subject: "Re: Printer broken",
  body: "On it.",
  receivedAt: "2026-01-02T11:00:00.000Z",
  auth: null,
  attachments: [],
};

describe("a case's conversation", () => {
  it("shows the messages with their files and sends a reply with Ctrl+Enter", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let replied = false;
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/inbox/c1/messages") {
        return json(200, {
          items: replied ? [inbound, reply] : [inbound],
        });
      }
      if (url.pathname === "/api/crm/inbox/c1/reply" && init.method === "POST") {
        replied = true;
        return json(201, { message: reply, delivery: { status: "stored", provider: "local" } });
      }
      return apiError(404, "not_found", "Not found");
    });
    renderRoutes(routes, "/crm/inbox/c1");
    const list = await screen.findByRole("list", { name: "Messages" });
    expect(within(list).getByText("It jams.")).toBeTruthy();
    expect(within(list).getByText(/DMARC check failed/)).toBeTruthy();
    expect(within(list).getByRole("button", { name: "jam.txt" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Printer broken" })).toBeTruthy();

    const box = screen.getByLabelText("Message");
    fireEvent.change(box, { target: { value: "On it." } });
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    expect(await screen.findByText(/saved to the outbox/)).toBeTruthy();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ body: "On it." });
    await waitFor(() =>
      expect(within(screen.getByRole("list", { name: "Messages" })).getByText("On it.")).toBeTruthy(),
    );
    expect((box as HTMLTextAreaElement).value).toBe("");
  });

  it("has no composer for read-only members, and says when the case has no messages", async () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    mockFetch(() => json(200, { items: [] }));
    renderRoutes(routes, "/crm/inbox/c1");
    expect(await screen.findByText("No messages on this case yet")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Send reply" })).toBeNull();
  });
});
