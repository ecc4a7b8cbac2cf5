import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { CrmRecord } from "../../../../web/src/api/types";
import { FormRenderer } from "../../../../web/src/renderers/form/form-renderer";
import { apiError, json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { crmSnapshot, makeRecord } from "../fixtures";

describe("reference and user pickers", () => {
  it("searches the target entity, shows its first text field, and keeps the picked id", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url) => {
      if (url.pathname === "/api/crm/customers" && url.searchParams.get("q") === "glo") {
        return json(200, {
          items: [
            makeRecord("customers", { name: "Globex" }, { id: "c1" }),
            makeRecord("customers", { name: "Globo" }, { id: "c2" }),
          ],
          nextCursor: null,
        });
      }
      return apiError(404, "not_found", "Not found");
    });
    const onSubmit = vi.fn(async (_payload: Record<string, unknown>): Promise<CrmRecord | void> => undefined);
    renderAt(<FormRenderer entity="deals" onSubmit={onSubmit} />);
    const combo = screen.getByRole("combobox", { name: "Customer" });
    fireEvent.change(combo, { target: { value: "glo" } });
    expect(await screen.findByRole("option", { name: "Globex" })).toBeTruthy();
    expect(combo.getAttribute("aria-expanded")).toBe("true");
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/crm/customers?q=glo&limit=10");

    fireEvent.keyDown(combo, { key: "ArrowDown" });
    expect(screen.getByRole("option", { name: "Globo" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(combo, { key: "Enter" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect((combo as HTMLInputElement).value).toBe("Globo");

    fireEvent.change(screen.getByRole("textbox", { name: /^Deal/ }), { target: { value: "New deal" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toStrictEqual({ name: "New deal", customer: "c2" });
  });

  it("names a record already referenced, looked up in one batch", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url) =>
      json(200, {
        items: url.searchParams.get("where") ? [makeRecord("customers", { name: "Initech" }, { id: "c7" })] : [],
        nextCursor: null,
      }),
    );
    renderAt(
      <FormRenderer
        entity="deals"
        record={makeRecord("deals", { name: "D", customer: "c7" }, { id: "d1" })}
        onSubmit={vi.fn()}
      />,
    );
    await waitFor(() =>
      expect((screen.getByRole("combobox", { name: "Customer" }) as HTMLInputElement).value).toBe("Initech"),
    );
    const where = new URL(String(fetch.mock.calls[0]![0]), "http://x").searchParams.get("where");
    expect(JSON.parse(where!)).toEqual({ field: "id", op: "in", value: ["c7"] });
  });

  it("offers every member of the directory to any role by name, keeping a value set for someone who left", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const fetch = mockFetch((url) =>
      url.pathname === "/api/crm/members"
        ? json(200, {
            items: [
              { id: "u2", name: "Bob", role: "agent" },
              { id: "u1", name: "Ada Lovelace", role: "admin" },
            ],
          })
        : json(200, { items: [], nextCursor: null }),
    );
    renderAt(
      <FormRenderer
        entity="accounts"
        record={makeRecord("accounts", { name: "X", owner: "u9-someone-else" })}
        onSubmit={vi.fn()}
      />,
    );
    expect(await screen.findByRole("option", { name: "Bob" })).toBeTruthy();
    const owner = screen.getByLabelText("Account owner");
    expect([...(owner as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      "Nobody",
      "Ada Lovelace",
      "Bob",
      "u9-someo…",
    ]);
    expect(fetch.mock.calls.some(([url]) => String(url).includes("/api/admin/members"))).toBe(false);
  });

  it("offers at least yourself when the directory can't be loaded", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    mockFetch((url) =>
      url.pathname === "/api/crm/members"
        ? apiError(500, "internal", "Boom")
        : json(200, { items: [], nextCursor: null }),
    );
    renderAt(<FormRenderer entity="accounts" onSubmit={vi.fn()} />);
    const owner = screen.getByLabelText("Account owner");
    await waitFor(() =>
      expect([...(owner as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["Nobody", "Ada Lovelace"]),
    );
  });
});
