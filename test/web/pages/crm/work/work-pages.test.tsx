import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ActivitiesPage } from "../../../../../web/src/pages/crm/work/activities-page";
import { ApprovalsPage } from "../../../../../web/src/pages/crm/work/approvals-page";
import { InboxPage } from "../../../../../web/src/pages/crm/work/inbox-page";
import { activity, approval, inboxMessage, inboxThread } from "../../../fixtures";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../../helpers";
import { crmSnapshot, makeRecord } from "../../../renderers/fixtures";

const missing = () => mockFetch(() => apiError(404, "not_found", "Not found"));

describe("work pages before their endpoints exist", () => {
  it("say the feature isn't available yet", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    missing();
    const { unmount } = renderAt(<InboxPage />);
    expect(await screen.findByText("The inbox isn't available yet")).toBeTruthy();
    unmount();
    const second = renderAt(<ActivitiesPage />);
    expect(await screen.findByText("Activities isn't available yet")).toBeTruthy();
    second.unmount();
    renderAt(<ApprovalsPage />);
    expect(await screen.findByText("Approvals isn't available yet")).toBeTruthy();
  });
});

describe("inbox", () => {
  it("lists open threads linked to their cases, and logs a new message that opens a case", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/inbox") {
        return json(200, {
          items: [
            inboxThread({
              caseId: "c1",
              subject: "Printer on fire",
              customer: { id: "cu1", name: "Globex", email: "it@globex.test" },
              lastMessageAt: "2026-01-02T10:00:00.000Z",
              messageCount: 3,
              status: "open",
            }),
            inboxThread({ caseId: "c2", subject: null, customer: { id: "cu2", name: null, email: null } }),
          ],
        });
      }
      if (url.pathname === "/api/crm/inbox/messages" && init.method === "POST") {
        return json(201, {
          message: inboxMessage({
            from: { email: "new@person.test", name: null },
            subject: "Hello",
            body: "Can you help?",
            caseId: "c9",
            customerId: "cu9",
          }),
          case: makeRecord("cases", { subject: "Hello" }, { id: "c9" }),
          customer: makeRecord("customers", {}, { id: "cu9" }),
        });
      }
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<InboxPage />);
    const threads = await screen.findByRole("list", { name: "Threads" });
    expect(within(threads).getByRole("link", { name: "Printer on fire" })).toHaveProperty("pathname", "/crm/inbox/c1");
    expect(within(threads).getByText(/Globex · 3 messages/)).toBeTruthy();
    expect(within(threads).getByRole("link", { name: "(no subject)" })).toBeTruthy();
    expect(within(threads).getAllByRole("listitem")).toHaveLength(2);

    fireEvent.change(screen.getByLabelText("From (email)"), { target: { value: "new@person.test" } });
    fireEvent.change(screen.getByLabelText("Subject"), { target: { value: "Hello" } });
    fireEvent.change(screen.getByLabelText("Message"), { target: { value: "Can you help?" } });
    fireEvent.click(screen.getByRole("button", { name: "Log message" }));
    expect(await screen.findByRole("link", { name: "Open the case" })).toHaveProperty("pathname", "/crm/cases/c9");
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    const body = JSON.parse(String(post[1]!.body));
    expect(body).toMatchObject({
      channel: "web",
      from: { email: "new@person.test" },
      subject: "Hello",
      body: "Can you help?",
    });
    expect(body.externalId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("has no message form for read-only members", async () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    mockFetch(() => json(200, { items: [] }));
    renderAt(<InboxPage />);
    expect(await screen.findByText("No open conversations")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Log message" })).toBeNull();
  });
});

describe("my activities and approvals", () => {
  it("marks an activity done", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/activities" && init.method === "GET") {
        expect(Object.fromEntries(url.searchParams)).toEqual({ assignee: "me", status: "open" });
        return json(200, {
          items: [
            activity({
              title: "Call Globex",
              dueAt: "2020-01-01T00:00:00.000Z",
              overdue: true,
              entity: "customers",
              recordId: "cu1",
            }),
          ],
        });
      }
      if (url.pathname === "/api/crm/activities/a1")
        return json(
          200,
          activity({
            title: "Call Globex",
            status: "done",
            dueAt: "2020-01-01T00:00:00.000Z",
            entity: "customers",
            recordId: "cu1",
            completedAt: "2026-01-02T10:00:00.000Z",
          }),
        );
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<ActivitiesPage />);
    // the shared activity row (issue 15)
    expect(await screen.findByText("Call Globex", { selector: ".activity-title" })).toBeTruthy();
    expect(screen.getByText(/^Overdue, /)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Mark done: Call Globex" }));
    expect(await screen.findByText("Nothing to do")).toBeTruthy();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === "PATCH")!;
    expect(JSON.parse(String(patch[1]!.body))).toEqual({ status: "done" });
  });

  it("approves with a comment", async () => {
    signIn("manager");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/approvals") {
        expect(Object.fromEntries(url.searchParams)).toEqual({ status: "pending", mine: "true" });
        return json(200, {
          items: [approval({ requestedAt: "2026-01-02T10:00:00.000Z" })],
        });
      }
      if (url.pathname === "/api/crm/approvals/ap1/decision")
        return json(
          200,
          approval({
            status: "approved",
            requestedAt: "2026-01-02T10:00:00.000Z",
            decidedAt: "2026-01-02T10:05:00.000Z",
            canDecide: false,
            steps: [
              {
                name: "Manager",
                mode: "any",
                approvers: { role: "manager" },
                decisions: [
                  { userId: "u1", decision: "approve", comment: "Fine this once", at: "2026-01-02T10:05:00.000Z" },
                ],
              },
            ],
          }),
        );
      if (url.pathname === "/api/crm/deals")
        return json(200, { items: [makeRecord("deals", { name: "Huge deal" }, { id: "d1" })], nextCursor: null });
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<ApprovalsPage />);
    expect(await screen.findByText("Big discount", { selector: ".work-title" })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "Huge deal" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Comment (optional)"), { target: { value: "Fine this once" } });
    fireEvent.click(screen.getByRole("button", { name: "Approve Big discount" }));
    expect(await screen.findByText("Approved: Big discount.")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("Nothing waiting for you")).toBeTruthy());
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ decision: "approve", comment: "Fine this once" });
  });
});
