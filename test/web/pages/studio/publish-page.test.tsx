import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PublishPage } from "../../../../web/src/pages/studio/publish-page";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { customersForm, studioSnapshot } from "../../studio/studio-helpers";

const summary = (namespace: string, entity: string, key: string, extra: Record<string, unknown> = {}) => ({
  namespace,
  entity,
  key,
  status: "draft",
  revision: 2,
  publishedVersion: 1,
  pendingDelete: false,
  updatedAt: "2026-03-01T12:00:00Z",
  updatedBy: "u1",
  ...extra,
});

const published = {
  ...studioSnapshot(),
  view: { customers: { all: { title: "All", type: "table", columns: [{ field: "name" }] } } },
};

function serve(publish: (body: unknown) => Response) {
  const bodies: unknown[] = [];
  const fetch = mockFetch((url, init) => {
    if (url.pathname === "/api/admin/config") {
      return json(200, {
        items: [
          summary("form", "customers", "default"),
          summary("view", "customers", "all", { pendingDelete: true }),
          summary("trigger", "customers", "created", { publishedVersion: null, revision: 1 }),
        ],
      });
    }
    if (url.pathname === "/api/admin/config/versions/7")
      return json(200, { version: 7, hash: "h7", snapshot: published });
    if (url.pathname === "/api/admin/config/form/customers/default/draft") {
      return json(200, {
        namespace: "form",
        entity: "customers",
        key: "default",
        config: { ...customersForm, title: "Client" },
        status: "draft",
        revision: 2,
        publishedVersion: 1,
        pendingDelete: false,
        updatedAt: "2026-03-01T12:00:00Z",
        updatedBy: "u1",
      });
    }
    if (url.pathname === "/api/admin/config/trigger/customers/created/draft") {
      return json(200, {
        namespace: "trigger",
        entity: "customers",
        key: "created",
        config: { on: "create" },
        status: "draft",
        revision: 1,
        publishedVersion: null,
        pendingDelete: false,
        updatedAt: "2026-03-01T12:00:00Z",
        updatedBy: "u1",
      });
    }
    if (url.pathname === "/api/admin/config/publish") {
      bodies.push(JSON.parse(String(init.body)));
      return publish(bodies.at(-1));
    }
    if (url.pathname === "/api/runtime/config") return new Response(null, { status: 304 });
    return apiError(404, "not_found", "Not found");
  });
  return { fetch, bodies };
}

function renderPublish() {
  signIn("admin");
  setConfig(published, 7);
  return renderAt(<PublishPage />, "/studio/publish");
}

describe("publish page", () => {
  it("lists unpublished changes with their diff against the live version", async () => {
    serve(() => json(200, {}));
    renderPublish();
    const list = await screen.findByRole("region", { name: /Unpublished changes/ });
    const items = [...list.querySelectorAll(".pending-item")].map((li) => [
      li.querySelector("code")?.textContent,
      li.querySelector(".badge")?.textContent,
    ]);
    expect(items).toEqual([
      ["form/customers/default", "changed"],
      ["view/customers/all", "removed"],
      ["trigger/customers/created", "new"],
    ]);
    const form = list.querySelector(".pending-item")!;
    const rows = within(form as HTMLElement)
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['title"Customer""Client"']);
  });

  it("publishes the selected items with the expected version, and shows 422 errors by item with links", async () => {
    const { bodies } = serve(() =>
      apiError(422, "validation_failed", "The configuration is not valid", [
        { path: "form/customers/default:fields[1].type", message: "must be a field type" },
        { path: "form/customers/default", message: "something about the item" },
        { path: "trigger/customers/created:when.field", message: 'no field "x"' },
      ]),
    );
    renderPublish();
    fireEvent.click(await screen.findByLabelText("Publish view/customers/all"));
    fireEvent.change(screen.getByLabelText("Message"), { target: { value: "Rename customers" } });
    fireEvent.click(screen.getByRole("button", { name: "Publish 2 changes" }));

    const errors = await screen.findByRole("region", { name: /Nothing was published/ });
    expect(bodies).toEqual([
      {
        items: [
          { namespace: "form", entity: "customers", key: "default" },
          { namespace: "trigger", entity: "customers", key: "created" },
        ],
        message: "Rename customers",
        expectedVersion: 7,
      },
    ]);
    expect(
      within(errors)
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(["form/customers/default", "trigger/customers/created"]);
    expect(within(errors).getByRole("link", { name: "fields[1].type" }).getAttribute("href")).toBe(
      `/studio/items/form/customers/default?focus=${encodeURIComponent("fields[1].type")}`,
    );
    expect(within(errors).getByText(/must be a field type/)).toBeTruthy();
  });

  it("says someone else published on a 409 version conflict", async () => {
    serve(() => apiError(409, "version_conflict", "The current version is 8, not 7"));
    renderPublish();
    fireEvent.click(await screen.findByRole("button", { name: "Publish 3 changes" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Someone else published/);
  });

  it("confirms a publish and refreshes", async () => {
    serve(() =>
      json(200, {
        version: 8,
        hash: "h8",
        publishedAt: "2026-03-01T12:00:00Z",
        items: [{ namespace: "form", entity: "customers", key: "default", change: "modified" }],
      }),
    );
    renderPublish();
    fireEvent.click(await screen.findByRole("button", { name: "Publish 3 changes" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/Published version 8 with 1 change/));
  });
});
