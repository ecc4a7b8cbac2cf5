import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NewItemPage } from "../../../../web/src/pages/studio/new-item-page";
import { apiError, json, mockFetch, renderRoutes, setConfig, signIn } from "../../helpers";
import { studioSnapshot } from "../../studio/studio-helpers";

function serve(put: (url: URL, init: RequestInit) => Response) {
  return mockFetch((url, init) => {
    if (url.pathname === "/api/admin/config") return json(200, { items: [] });
    if (init.method === "PUT") return put(url, init);
    return apiError(404, "not_found", "Not found");
  });
}

/** The server's answer to a created draft: the item at the PUT's path, revision 1. */
function created(url: URL, init: RequestInit): Response {
  const [namespace, entity, key] = url.pathname.split("/").slice(4, 7);
  return json(201, {
    namespace,
    entity,
    key,
    config: JSON.parse(String(init.body)).config,
    status: "draft",
    revision: 1,
    publishedVersion: null,
    pendingDelete: false,
    updatedAt: "2026-03-01T12:00:00Z",
    updatedBy: "u1",
  });
}

function renderNew(path = "/studio/new") {
  signIn("admin");
  setConfig(studioSnapshot(), 1);
  return renderRoutes(
    [
      { path: "/studio/new", element: <NewItemPage /> },
      { path: "/studio/items/:namespace/:entity/:key", element: <p>builder</p> },
    ],
    path,
  );
}

describe("new item page", () => {
  it("creates the draft from a template (If-Match 0) and opens its builder", async () => {
    const fetch = serve(created);
    const { router } = renderNew();
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "view" } });
    await waitFor(() => expect((screen.getByLabelText("Entity") as HTMLSelectElement).value).toBe("customers"));
    fireEvent.change(screen.getByLabelText("Key"), { target: { value: "big_ones" } });
    fireEvent.click(screen.getByRole("button", { name: "Create draft" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/studio/items/view/customers/big_ones"));
    const [url, init] = fetch.mock.calls.find(([, i]) => i?.method === "PUT")!;
    expect(String(url)).toBe("/api/admin/config/view/customers/big_ones/draft");
    expect((init!.headers as Record<string, string>)["if-match"]).toBe('"0"');
    expect(JSON.parse(String(init!.body)).config).toEqual({
      title: "All customers",
      type: "table",
      columns: [{ field: "name" }],
    });
  });

  it("checks the key and puts tenant-wide kinds under tenant", async () => {
    const fetch = serve(created);
    renderNew("/studio/new?namespace=calendar");
    expect((screen.getByLabelText("Entity") as HTMLSelectElement).value).toBe("tenant");
    fireEvent.change(screen.getByLabelText("Key"), { target: { value: "Bad Key" } });
    fireEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(await screen.findByText(/Lower-case letters/)).toBeTruthy();
    expect(fetch.mock.calls.some(([, i]) => i?.method === "PUT")).toBe(false);

    fireEvent.change(screen.getByLabelText("Key"), { target: { value: "support_hours" } });
    fireEvent.click(screen.getByRole("button", { name: "Create draft" }));
    await waitFor(() =>
      expect(
        fetch.mock.calls.some(([u]) => String(u) === "/api/admin/config/calendar/tenant/support_hours/draft"),
      ).toBe(true),
    );
  });

  it("says when the item exists already (412)", async () => {
    serve(() => apiError(412, "precondition_failed", "Stale"));
    renderNew("/studio/new?namespace=form&entity=customers&key=default");
    fireEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(await screen.findByText("form/customers/default already exists.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open the existing item" }).getAttribute("href")).toBe(
      "/studio/items/form/customers/default",
    );
  });

  it("starts a new entity from its default form", async () => {
    const fetch = serve(created);
    const { router } = renderNew("/studio/new?namespace=form&entity=companies&key=default");
    expect(((await screen.findByLabelText("New entity name")) as HTMLInputElement).value).toBe("companies");
    fireEvent.click(screen.getByRole("button", { name: "Create draft" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/studio/items/form/companies/default"));
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === "PUT")!;
    expect(JSON.parse(String(init!.body)).config).toEqual({
      title: "Company",
      fields: [{ name: "name", label: "Name", type: "text", required: true }],
    });
  });
});
