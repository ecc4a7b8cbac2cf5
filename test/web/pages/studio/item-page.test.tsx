import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ItemPage } from "../../../../web/src/pages/studio/item-page";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../helpers";
import { customersForm, studioSnapshot } from "../../studio/studio-helpers";

const DRAFT_URL = "/api/admin/config/form/customers/default/draft";

function serveItem(handlers: { put?: (init: RequestInit) => Response; validate?: () => Response } = {}) {
  let revision = 3;
  let config: unknown = customersForm;
  return mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url.pathname === DRAFT_URL && method === "GET") {
      return json(200, {
        namespace: "form",
        entity: "customers",
        key: "default",
        config,
        status: "published",
        revision,
        publishedVersion: 1,
        pendingDelete: false,
        updatedAt: "2026-03-01T10:00:00.000Z",
        updatedBy: "u1",
      });
    }
    if (url.pathname === DRAFT_URL && method === "PUT") {
      const response = handlers.put?.(init);
      if (response) return response;
      config = JSON.parse(String(init.body)).config;
      revision += 1;
      return json(200, {
        namespace: "form",
        entity: "customers",
        key: "default",
        config,
        status: "draft",
        revision,
        publishedVersion: 1,
        pendingDelete: false,
        updatedAt: "2026-03-01T10:00:00.000Z",
        updatedBy: "u1",
      });
    }
    if (url.pathname.endsWith("/validate")) return handlers.validate?.() ?? json(200, { valid: true });
    if (url.pathname === "/api/admin/config") return json(200, { items: [] });
    if (url.pathname === "/api/admin/members") return json(200, { items: [] });
    return apiError(404, "not_found", "Not found");
  });
}

function renderItem(path = "/studio/items/form/customers/default") {
  signIn("admin");
  setConfig(studioSnapshot(), 1);
  return renderRoutes([{ path: "/studio/items/:namespace/:entity/:key", element: <ItemPage /> }], path);
}

const title = () => document.getElementById("ctl-title") as HTMLInputElement;

describe("item page", () => {
  it("puts the server's validation errors on the control they point at, and the summary focuses it", async () => {
    serveItem({
      validate: () => json(200, { valid: false, errors: [{ path: "fields[1].type", message: "server says no" }] }),
    });
    renderItem();
    // A human title, the key small beside it (issue 15)
    expect(
      await screen.findByRole("heading", { level: 1, name: "Form: Customer form/customers/default" }),
    ).toBeTruthy();
    expect(screen.getByText("Revision 3")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Validate" }));
    const select = document.getElementById("ctl-fields-1-type")!;
    await waitFor(() => expect(select.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(select.getAttribute("aria-describedby")!)?.textContent).toBe("server says no");

    const summary = screen.getByRole("region", { name: /1 problem/ });
    fireEvent.click(within(summary).getByRole("button", { name: "fields[1].type" }));
    await waitFor(() => expect(document.activeElement).toBe(select));
    expect((select.closest("details") as HTMLDetailsElement).open).toBe(true);
  });

  it("saves with If-Match and shows a 422's errors at their controls", async () => {
    const fetch = serveItem({
      put: () => apiError(422, "validation_failed", "Invalid", [{ path: "title", message: "too plain" }]),
    });
    renderItem();
    await screen.findByRole("heading", { level: 1 });
    fireEvent.change(title(), { target: { value: "Client" } });
    expect(screen.getByText("unsaved changes")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save draft" }));

    await waitFor(() => expect(title().getAttribute("aria-invalid")).toBe("true"));
    const put = fetch.mock.calls.find(([, init]) => init?.method === "PUT")!;
    expect((put[1]!.headers as Record<string, string>)["if-match"]).toBe('"3"');
    expect(JSON.parse(String(put[1]!.body)).config.title).toBe("Client");
  });

  it("says someone else changed the draft on a 412, and reloads it on request", async () => {
    const fetch = serveItem({ put: () => apiError(412, "precondition_failed", "Stale") });
    renderItem();
    await screen.findByRole("heading", { level: 1 });
    fireEvent.change(title(), { target: { value: "Client" } });
    fireEvent.click(screen.getByRole("button", { name: "Save draft" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Someone else changed this draft.*revision 3/);

    const gets = () =>
      fetch.mock.calls.filter(([u, init]) => String(u) === DRAFT_URL && (init?.method ?? "GET") === "GET").length;
    const before = gets();
    fireEvent.click(screen.getByRole("button", { name: "Reload the latest revision" }));
    await waitFor(() => expect(gets()).toBe(before + 1));
    await waitFor(() => expect(title().value).toBe("Customer"));
  });

  it("keeps the builder and the JSON view in step", async () => {
    serveItem();
    renderItem();
    await screen.findByRole("heading", { level: 1 });
    fireEvent.change(title(), { target: { value: "Client" } });
    fireEvent.click(screen.getByRole("tab", { name: "JSON" }));
    const text = screen.getByLabelText("Config as JSON") as HTMLTextAreaElement;
    expect(JSON.parse(text.value).title).toBe("Client");

    fireEvent.change(text, { target: { value: JSON.stringify({ ...customersForm, title: "Account" }) } });
    fireEvent.click(screen.getByRole("tab", { name: "Builder" }));
    expect(title().value).toBe("Account");
  });

  it("validates an edit without saving it", async () => {
    const fetch = serveItem({
      validate: () => json(200, { valid: false, errors: [{ path: "title", message: "server says no" }] }),
    });
    renderItem();
    await screen.findByRole("heading", { level: 1 });
    fireEvent.change(title(), { target: { value: "Client" } });
    fireEvent.click(screen.getByRole("button", { name: "Validate" }));
    await waitFor(() => expect(title().getAttribute("aria-invalid")).toBe("true"));
    expect(fetch.mock.calls.some(([, init]) => init?.method === "PUT")).toBe(false);
    const check = fetch.mock.calls.find(([u]) => String(u).endsWith("/validate"))!;
    expect(JSON.parse(String(check[1]!.body)).config.title).toBe("Client");
    expect(screen.getByText("unsaved changes")).toBeTruthy();
  });

  it("validates in the browser as you type", async () => {
    serveItem();
    renderItem();
    await screen.findByRole("heading", { level: 1 });
    fireEvent.change(document.getElementById("ctl-fields-0-name")!, { target: { value: "2bad" } });
    await waitFor(() =>
      expect(document.getElementById("ctl-fields-0-name")!.getAttribute("aria-invalid")).toBe("true"),
    );
    expect(screen.getByRole("region", { name: /problem/ }).textContent).toMatch(/fields\[0\]\.name/);
  });

  it("focuses the control named by ?focus=", async () => {
    serveItem();
    renderItem(`/studio/items/form/customers/default?focus=${encodeURIComponent("fields[2].type")}`);
    await waitFor(() => expect(document.activeElement?.id).toBe("ctl-fields-2-type"));
  });

  it("offers to create an item that doesn't exist", async () => {
    mockFetch(() => apiError(404, "not_found", "No such config item"));
    renderItem("/studio/items/view/customers/nope");
    expect(await screen.findByRole("heading", { name: "No such config item" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Create it" }).getAttribute("href")).toBe(
      "/studio/new?namespace=view&entity=customers&key=nope",
    );
    await act(async () => undefined);
  });
});
