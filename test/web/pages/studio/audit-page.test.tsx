import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuditPage } from "../../../../web/src/pages/studio/audit-page";
import { json, mockFetch, renderAt, signIn } from "../../helpers";

const entry = (n: number) => ({
  id: `a${n}`,
  at: "2026-03-01T12:00:00Z",
  actor: { id: "u1", name: "Ada Lovelace" },
  action: `action.${n}`,
  target: "form/deals/default",
});

describe("audit page", () => {
  it("loads more with the cursor until there is no more", async () => {
    signIn("admin");
    const fetch = mockFetch((url) =>
      url.searchParams.get("cursor") === "c2"
        ? json(200, { items: [entry(3)], nextCursor: null })
        : json(200, { items: [entry(1), entry(2)], nextCursor: "c2" }),
    );
    renderAt(<AuditPage />);
    expect(await screen.findByText("action.1")).toBeTruthy();
    expect(screen.getAllByText("form/deals/default")).toHaveLength(2);

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("action.3")).toBeTruthy();
    expect(screen.getByText("That's everything.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(String(fetch.mock.calls[1]![0])).toBe("/api/admin/audit?cursor=c2&limit=50");
  });
});
