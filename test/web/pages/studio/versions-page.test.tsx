import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { VersionsPage } from "../../../../web/src/pages/studio/versions-page";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { studioSnapshot } from "../../studio/studio-helpers";

const version = (n: number) => ({
  version: n,
  hash: `h${n}`,
  publishedAt: "2026-03-01T12:00:00Z",
  publishedBy: "u1",
  publishedByName: "Ada Lovelace",
  message: `v${n}`,
  kind: "publish",
  rolledBackTo: null,
  items: [],
});

function serve() {
  const calls: Array<{ path: string; body?: unknown }> = [];
  mockFetch((url, init) => {
    calls.push({ path: url.pathname + url.search, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (url.pathname === "/api/admin/config/versions")
      return json(200, { versions: [version(3), version(2), version(1)] });
    if (url.pathname === "/api/admin/config/rollback")
      return json(200, { version: 4, hash: "h4", publishedAt: "2026-03-02T12:00:00Z", items: [] });
    if (url.pathname === "/api/admin/config/diff") {
      return json(200, {
        changes: [
          {
            namespace: "view",
            entity: "customers",
            key: "all",
            change: "modified",
            before: { title: "All" },
            after: { title: "Everyone" },
          },
        ],
      });
    }
    if (url.pathname === "/api/runtime/config") return new Response(null, { status: 304 });
    return apiError(404, "not_found", "Not found");
  });
  return calls;
}

describe("versions page", () => {
  it("rolls back to a version only after confirmation", async () => {
    signIn("admin");
    setConfig(studioSnapshot(), 3);
    const calls = serve();
    renderAt(<VersionsPage />, "/studio/versions");
    expect(screen.queryByRole("button", { name: "Roll back to version 3" })).toBeNull(); // the live one

    fireEvent.click(await screen.findByRole("button", { name: "Roll back to version 1" }));
    const confirm = screen.getByRole("group", { name: "Confirm rollback to version 1" });
    expect(calls.some((c) => c.path.startsWith("/api/admin/config/rollback"))).toBe(false);

    fireEvent.click(within(confirm).getByRole("button", { name: "Roll back" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/version 4 is live/));
    expect(calls.find((c) => c.path === "/api/admin/config/rollback")?.body).toEqual({ version: 1 });
  });

  it("cancelling the confirmation calls nothing", async () => {
    signIn("admin");
    setConfig(studioSnapshot(), 3);
    const calls = serve();
    renderAt(<VersionsPage />, "/studio/versions");
    fireEvent.click(await screen.findByRole("button", { name: "Roll back to version 2" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Roll back to version 2" })).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith("/api/admin/config/rollback"))).toBe(false);
  });

  it("shows what a version changed against its predecessor", async () => {
    signIn("admin");
    setConfig(studioSnapshot(), 3);
    const calls = serve();
    renderAt(<VersionsPage />, "/studio/versions");
    const row = (await screen.findByText("v2")).closest("tr")!;
    fireEvent.click(within(row).getByRole("button", { name: "Changes" }));
    expect(await screen.findByText("view/customers/all")).toBeTruthy();
    expect(calls.some((c) => c.path === "/api/admin/config/diff?from=1&to=2")).toBe(true);
  });
});
