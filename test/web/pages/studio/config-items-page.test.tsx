import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConfigItemsPage } from "../../../../web/src/pages/studio/config-items-page";
import { json, mockFetch, renderAt, signIn } from "../../helpers";

const item = (namespace: string, entity: string, key: string, status: string, revision: number) => ({
  namespace,
  entity,
  key,
  status,
  revision,
  publishedVersion: status === "draft" ? null : 1,
  pendingDelete: false,
  updatedAt: "2026-03-01T12:00:00Z",
  updatedBy: "u1",
});

describe("config items page", () => {
  it("groups items by namespace with their status and revision", async () => {
    signIn("admin");
    mockFetch(() =>
      json(200, {
        items: [
          item("view", "deals", "default", "published", 2),
          item("form", "deals", "default", "draft", 5),
          item("form", "customers", "default", "published", 1),
        ],
      }),
    );
    renderAt(<ConfigItemsPage />);
    const form = await screen.findByRole("region", { name: /^form/ });
    const rows = within(form)
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .slice(0, 5)
          .map((cell) => cell.textContent?.trim()),
      );
    expect(rows).toEqual([
      ["customers", "default", "published", "1", "1"],
      ["deals", "default", "draft", "5", "—"],
    ]);
    expect(screen.getByRole("region", { name: /^view/ })).toBeTruthy();
  });

  it("filters by status through the API", async () => {
    signIn("admin");
    const fetch = mockFetch(() => json(200, { items: [] }));
    renderAt(<ConfigItemsPage />);
    expect(await screen.findByText("No config items yet")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "draft" } });
    expect(await screen.findByText("No draft items")).toBeTruthy();
    expect(String(fetch.mock.calls.at(-1)![0])).toBe("/api/admin/config?status=draft");
  });
});
