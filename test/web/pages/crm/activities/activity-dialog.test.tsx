import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Activity } from "../../../../../web/src/api/crm-types";
import { RecordPage } from "../../../../../web/src/pages/crm/record-page";
import { ActivitiesPage } from "../../../../../web/src/pages/crm/work/activities-page";
import { activity } from "../../../fixtures";
import { apiError, json, mockFetch, renderAt, renderRoutes, setConfig, signIn } from "../../../helpers";
import { crmSnapshot, makeRecord } from "../../../renderers/fixtures";

const members = {
  items: [
    { id: "u1", name: "Ada Lovelace", role: "agent" },
    { id: "u2", name: "Grace Hopper", role: "agent" },
  ],
};

describe("activities", () => {
  it("adds a call for a colleague from the record page, with a due time and a reminder", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const created: Activity[] = [];
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/customers/c1")
        return json(200, makeRecord("customers", { name: "Globex" }, { id: "c1" }));
      if (url.pathname === "/api/crm/members") return json(200, members);
      if (url.pathname === "/api/crm/activities" && init.method === "POST") {
        created.push(activity({ id: "a9", ...JSON.parse(String(init.body)) }));
        return json(201, created.at(-1));
      }
      if (url.pathname === "/api/crm/activities") return json(200, { items: created });
      return apiError(404, "not_found", "Not found");
    });
    renderRoutes([{ path: "/crm/:entity/:id", element: <RecordPage /> }], "/crm/customers/c1");
    const panel = await screen.findByRole("region", { name: "Activities" });
    expect(within(panel).getByText("No activities.")).toBeTruthy();
    fireEvent.click(within(panel).getByRole("button", { name: "New activity" }));

    const dialog = screen.getByRole("dialog", { name: "New activity for Globex" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add activity" }));
    expect(within(dialog).getByText("Give the activity a title")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("radio", { name: "Call" }));
    fireEvent.change(within(dialog).getByLabelText("Title"), { target: { value: "Call about the renewal" } });
    fireEvent.change(within(dialog).getByLabelText("Due"), { target: { value: "2030-05-01T09:30" } });
    fireEvent.change(within(dialog).getByLabelText("Reminder"), { target: { value: "2030-05-01T09:00" } });
    await within(dialog).findByRole("option", { name: "Grace Hopper" });
    fireEvent.change(within(dialog).getByLabelText("Assignee"), { target: { value: "u2" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add activity" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await within(panel).findByText("Call about the renewal")).toBeTruthy();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(JSON.parse(String(post[1]!.body))).toMatchObject({
      title: "Call about the renewal",
      type: "call",
      assigneeId: "u2",
      entity: "customers",
      recordId: "c1",
      dueAt: new Date("2030-05-01T09:30").toISOString(),
      remindAt: new Date("2030-05-01T09:00").toISOString(),
    });
  });

  it("shows overdue work apart on My activities and edits an activity", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    let items = [
      activity({
        id: "a1",
        title: "Send the quote",
        dueAt: "2020-01-01T00:00:00.000Z",
        overdue: true,
        assigneeId: "u1",
      }),
      activity({
        id: "a2",
        title: "Quarterly review",
        type: "meeting",
        dueAt: "2099-01-01T00:00:00.000Z",
        assigneeId: "u1",
      }),
    ];
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/crm/members") return json(200, members);
      if (url.pathname === "/api/crm/activities/a2" && init.method === "PATCH") {
        items = items.map((a) => (a.id === "a2" ? { ...a, ...JSON.parse(String(init.body)) } : a));
        return json(200, items[1]);
      }
      if (url.pathname === "/api/crm/activities") return json(200, { items });
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<ActivitiesPage />);
    const overdue = await screen.findByRole("list", { name: "Overdue activities" });
    expect(within(overdue).getByText("Send the quote")).toBeTruthy();
    expect(within(overdue).getByText("Overdue")).toBeTruthy();
    const open = screen.getByRole("list", { name: "Open activities" });
    fireEvent.click(within(open).getByRole("button", { name: "Edit: Quarterly review" }));
    const dialog = screen.getByRole("dialog", { name: "Edit activity" });
    expect((within(dialog).getByLabelText("Title") as HTMLInputElement).value).toBe("Quarterly review");
    expect(within(dialog).getByRole("radio", { name: "Meeting" }).getAttribute("aria-checked")).toBe("true");
    fireEvent.change(within(dialog).getByLabelText("Title"), { target: { value: "Quarterly business review" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save activity" }));
    expect(
      await within(screen.getByRole("list", { name: "Open activities" })).findByText("Quarterly business review"),
    ).toBeTruthy();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === "PATCH")!;
    expect(JSON.parse(String(patch[1]!.body))).toMatchObject({ title: "Quarterly business review", type: "meeting" });
  });

  it("keeps the dialog open with the server's reason when saving fails", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    mockFetch((url, init) => {
      if (url.pathname === "/api/crm/activities" && init.method === "POST")
        return apiError(422, "validation_failed", "Due must be a date");
      if (url.pathname === "/api/crm/activities") return json(200, { items: [] });
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<ActivitiesPage />);
    fireEvent.click(await screen.findByRole("button", { name: "New activity" }));
    const dialog = screen.getByRole("dialog", { name: "New activity" });
    fireEvent.change(within(dialog).getByLabelText("Title"), { target: { value: "Anything" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add activity" }));
    expect(await within(dialog).findByText("Due must be a date")).toBeTruthy();
  });
});
