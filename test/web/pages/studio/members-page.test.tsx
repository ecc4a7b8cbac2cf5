import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MembersPage } from "../../../../web/src/pages/studio/members-page";
import { apiError, json, mockFetch, renderAt, signIn } from "../../helpers";

const members = [
  {
    user: { id: "u1", email: "ada@example.com", name: "Ada Lovelace" },
    role: "admin",
    active: true,
    createdAt: "2026-01-05T10:00:00Z",
  },
  {
    user: { id: "u2", email: "bo@example.com", name: "Bo Diddley" },
    role: "agent",
    active: true,
    createdAt: "2026-02-01T10:00:00Z",
  },
];

function serveMembers(overrides: (url: URL, init: RequestInit) => Response | undefined = () => undefined) {
  return mockFetch((url, init) => {
    const response = overrides(url, init);
    if (response) return response;
    if (url.pathname === "/api/admin/members" && (init.method ?? "GET") === "GET") return json(200, { items: members });
    return apiError(404, "not_found", "Not found");
  });
}

describe("members page", () => {
  it("lists members, marking the current user", async () => {
    signIn("admin");
    serveMembers();
    renderAt(<MembersPage />);
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByRole("row", { name: /Ada Lovelace you/ })).toBeTruthy();
    expect(within(table).getByRole("combobox", { name: "Role of Ada Lovelace" })).toHaveProperty("disabled", true);
    expect(within(table).getByRole("combobox", { name: "Role of Bo Diddley" })).toHaveProperty("value", "agent");
  });

  it("changes a member's role", async () => {
    signIn("admin");
    const fetch = serveMembers((url, init) =>
      init.method === "PATCH" ? json(200, { ...members[1]!, role: "manager" }) : undefined,
    );
    renderAt(<MembersPage />);
    fireEvent.change(await screen.findByRole("combobox", { name: "Role of Bo Diddley" }), {
      target: { value: "manager" },
    });
    expect((await screen.findByRole("status")).textContent).toBe("Bo Diddley is now Manager.");
    const patch = fetch.mock.calls.find(([, init]) => init?.method === "PATCH")!;
    expect(String(patch[0])).toBe("/api/admin/members/u2");
    expect(JSON.parse(String(patch[1]!.body))).toEqual({ role: "manager" });
  });

  it("removes a member only after confirmation", async () => {
    signIn("admin");
    const fetch = serveMembers((url, init) =>
      init.method === "DELETE" ? new Response(null, { status: 204 }) : undefined,
    );
    renderAt(<MembersPage />);
    fireEvent.click(await screen.findByRole("button", { name: "Remove Bo Diddley" }));
    expect(fetch.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(false);

    const confirm = screen.getByRole("group", { name: "Confirm removing Bo Diddley" });
    fireEvent.click(within(confirm).getByRole("button", { name: "Remove" }));
    expect((await screen.findByRole("status")).textContent).toBe("Bo Diddley was removed.");
    expect(
      fetch.mock.calls.some(([url, init]) => init?.method === "DELETE" && String(url) === "/api/admin/members/u2"),
    ).toBe(true);
  });

  it("adds a member and shows the API's error when it refuses", async () => {
    signIn("admin");
    serveMembers((url, init) =>
      init.method === "POST" ? apiError(409, "duplicate", "A member with this email already exists") : undefined,
    );
    renderAt(<MembersPage />);
    await screen.findByRole("table", { name: "Members" });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Cy" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "bo@example.com" } });
    fireEvent.change(screen.getByLabelText("Initial password"), { target: { value: "long enough pw" } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "manager" } });
    fireEvent.click(screen.getByRole("button", { name: "Add member" }));
    expect((await screen.findByRole("alert")).textContent).toContain("A member with this email already exists");
  });

  it("shows an error state when the list can't load", async () => {
    signIn("admin");
    mockFetch(() => apiError(403, "forbidden", "Admins only"));
    renderAt(<MembersPage />);
    expect((await screen.findByRole("alert")).textContent).toContain("Admins only");
  });
});
