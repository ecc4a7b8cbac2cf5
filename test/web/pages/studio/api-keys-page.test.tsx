import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiKeysPage } from "../../../../web/src/pages/studio/api-keys-page";
import { apiError, json, mockFetch, renderAt, signIn } from "../../helpers";

const listed = [
  {
    id: "key_1",
    name: "CI",
    scope: "read",
    prefix: "p8_abcdef",
    createdAt: "2026-03-01T10:00:00Z",
    lastUsedAt: null,
    expiresAt: null,
  },
];

describe("API keys page", () => {
  it("creates a key, shows it once with a copy button, and lists it without the secret", async () => {
    signIn("agent");
    let keys = [...listed];
    const fetch = mockFetch((url, init) => {
      if (url.pathname !== "/api/auth/tokens") return apiError(404, "not_found", "Not found");
      if (init.method === "POST") {
        const created = {
          id: "key_2",
          name: "Claude Desktop",
          scope: "write",
          prefix: "p8_zyxwvu",
          createdAt: "2026-03-02T10:00:00Z",
          lastUsedAt: null,
          expiresAt: null,
        };
        keys = [created, ...keys];
        return json(201, { ...created, token: "p8_zyxwvu-the-secret" });
      }
      return json(200, { items: keys });
    });
    renderAt(<ApiKeysPage />);
    expect(within(await screen.findByRole("table", { name: "Your API keys" })).getByText("CI")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Claude Desktop" } });
    fireEvent.change(screen.getByLabelText("Scope"), { target: { value: "write" } });
    fireEvent.click(screen.getByRole("button", { name: "Create key" }));
    expect((await screen.findByLabelText("The new API key")).textContent).toBe("p8_zyxwvu-the-secret");
    expect(screen.getByRole("button", { name: "Copy" })).toBeTruthy();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: "Claude Desktop", scope: "write" });
    expect(
      await within(screen.getByRole("table", { name: "Your API keys" })).findByText("Claude Desktop"),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByText("p8_zyxwvu-the-secret")).toBeNull();
  });

  it("revokes a key only after confirmation", async () => {
    signIn("agent");
    const fetch = mockFetch((url, init) => {
      if (init.method === "DELETE") return new Response(null, { status: 204 });
      return json(200, { items: listed });
    });
    renderAt(<ApiKeysPage />);
    fireEvent.click(await screen.findByRole("button", { name: "Revoke CI" }));
    expect(fetch.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(false);
    fireEvent.click(
      within(screen.getByRole("group", { name: "Confirm revoking CI" })).getByRole("button", { name: "Revoke" }),
    );
    expect((await screen.findByText("CI was revoked.")).textContent).toBe("CI was revoked.");
    expect(
      fetch.mock.calls.some(([url, init]) => init?.method === "DELETE" && String(url) === "/api/auth/tokens/key_1"),
    ).toBe(true);
  });

  it("says so when there are no keys", async () => {
    signIn("read_only");
    mockFetch(() => json(200, { items: [] }));
    renderAt(<ApiKeysPage />);
    expect(await screen.findByText("No API keys yet")).toBeTruthy();
  });
});
