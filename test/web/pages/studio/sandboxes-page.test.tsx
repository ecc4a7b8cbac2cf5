import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SandboxBanner } from "../../../../web/src/layout/sandbox-banner";
import { SandboxesPage } from "../../../../web/src/pages/studio/sandboxes-page";
import { useSession } from "../../../../web/src/state/session";
import { apiError, json, mockFetch, renderAt, signIn } from "../../helpers";

const sandbox = {
  id: "ten_sb",
  slug: "acme-sandbox-x1",
  name: "Try-out",
  sandboxOf: "t1",
  allowEgress: false,
  createdAt: "2026-12-01T10:00:00Z",
};
const preview = {
  valid: true,
  version: 7,
  errors: [],
  conflicts: [],
  changes: [
    {
      namespace: "view",
      entity: "customers",
      key: "gold",
      change: "added",
      after: { title: "Gold", type: "table", columns: [{ field: "name" }] },
    },
  ],
};

// Several renders and requests per test: room for a loaded machine.
describe("sandboxes page", { timeout: 20_000 }, () => {
  it("reviews a sandbox's changes item by item, promotes them and undoes the promotion", async () => {
    signIn("admin");
    const fetch = mockFetch((url, init) => {
      if (url.pathname === "/api/admin/sandboxes") return json(200, { sandboxes: [sandbox], production: null });
      if (url.pathname === "/api/admin/sandboxes/ten_sb/promote") {
        return url.searchParams.get("dryRun")
          ? json(200, preview)
          : json(200, { version: 8, hash: "h8", publishedAt: "2026-12-01T11:00:00Z", items: [], conflicts: [] });
      }
      if (url.pathname === "/api/admin/config/rollback")
        return json(200, { version: 9, hash: "h9", publishedAt: "2026-12-01T11:01:00Z", items: [] });
      if (url.pathname === "/api/runtime/config") return json(200, { version: 9, hash: "h9", snapshot: {} });
      return apiError(404, "not_found", "Not found");
    });
    renderAt(<SandboxesPage />);
    const row = (await screen.findByRole("list", { name: "Sandboxes" })).querySelector("li")!;
    expect(within(row).getByText("e-mail and webhooks off")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: "Review changes" }));
    const changes = await screen.findByRole("list", { name: "Changes to promote" });
    expect(within(changes).getByText("view/customers/gold")).toBeTruthy();
    expect(screen.getByText("1 change against production version 7:")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Promote to production" }));
    expect(await screen.findByText(/Promoted: production is now version 8\./)).toBeTruthy();
    const promote = fetch.mock.calls.find(
      ([input, init]) => String(input) === "/api/admin/sandboxes/ten_sb/promote" && init?.method === "POST",
    )!;
    expect(JSON.parse(String(promote[1]!.body))).toEqual({ expectedVersion: 7 });

    fireEvent.click(await screen.findByRole("button", { name: "Undo promotion" }));
    expect(await screen.findByText(/Undone: version 9 has the content of version 7\./)).toBeTruthy();
    const rollback = fetch.mock.calls.find(([input]) => String(input) === "/api/admin/config/rollback")!;
    expect(JSON.parse(String(rollback[1]!.body))).toMatchObject({ version: 7 });
  });

  it("shows an empty state, and a load error with a retry", async () => {
    signIn("admin");
    let fail = true;
    mockFetch(() => (fail ? apiError(500, "internal", "Boom") : json(200, { sandboxes: [], production: null })));
    renderAt(<SandboxesPage />);
    expect(await screen.findByText("Couldn't load sandboxes")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("No sandboxes yet")).toBeTruthy();
  });
});

describe("sandbox banner", () => {
  it("marks a sandbox and is absent in production", () => {
    signIn("admin");
    const { unmount } = renderAt(<SandboxBanner />);
    expect(screen.queryByRole("region", { name: "Sandbox" })).toBeNull();
    unmount();
    useSession.getState().update({
      user: useSession.getState().user!,
      role: "admin",
      tenant: { id: "ten_sb", slug: "acme-sandbox", name: "Try-out", sandboxOf: "t1" },
    });
    renderAt(<SandboxBanner />);
    const banner = screen.getByRole("region", { name: "Sandbox" });
    expect(banner.textContent).toContain("“Try-out” is a sandbox");
    expect(within(banner).getByRole("button", { name: "Back to production" })).toBeTruthy();
  });
});
