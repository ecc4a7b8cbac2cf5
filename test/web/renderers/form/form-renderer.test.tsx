import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../../web/src/api/client";
import type { CrmRecord } from "../../../../web/src/api/types";
import { FormRenderer } from "../../../../web/src/renderers/form/form-renderer";
import { MemoryRouter } from "react-router";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { json, mockFetch, renderAt, setConfig, signIn } from "../../helpers";
import { crmSnapshot, everyFieldForm, makeRecord } from "../fixtures";

const field = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.change(field(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole("button", { name: /save/i }));

/** A plain render (not a data router) so the test can rerender with new props. */
function renderWithRouter(element: ReactElement) {
  const result = render(<MemoryRouter>{element}</MemoryRouter>);
  return { ...result, rerender: (next: ReactElement) => result.rerender(<MemoryRouter>{next}</MemoryRouter>) };
}

function renderForm(props: Partial<Parameters<typeof FormRenderer>[0]> = {}) {
  const onSubmit = vi.fn(async (_payload: Record<string, unknown>): Promise<CrmRecord | void> => undefined);
  renderAt(<FormRenderer entity="accounts" onSubmit={onSubmit} {...props} />);
  return { onSubmit: (props.onSubmit as typeof onSubmit | undefined) ?? onSubmit };
}

describe("FormRenderer", () => {
  it("renders every field type from the config, with sections, help, defaults and ARIA wiring", () => {
    signIn("manager");
    setConfig(crmSnapshot());
    mockFetch(() => json(200, { items: [], nextCursor: null }));
    renderForm();

    expect(screen.getByRole("group", { name: "Basics" })).toBeTruthy();
    expect(screen.getByRole("group", { name: "Money" })).toBeTruthy();
    expect(field(/^Name/).type).toBe("text");
    expect(field(/^Name/).getAttribute("aria-required")).toBe("true");
    expect(screen.getByText("The account's name").id).toBe(field(/^Name/).getAttribute("aria-describedby"));
    expect(field("Notes").tagName).toBe("TEXTAREA");
    expect(field("Notes").placeholder).toBe("Anything to add");
    expect(field("Email").type).toBe("email");
    expect(field("Phone").type).toBe("tel");
    expect(field("Website").type).toBe("url");
    expect(field("Seats").inputMode).toBe("decimal");
    expect(field("Revenue")).toBeTruthy();
    expect(field("Discount")).toBeTruthy();
    expect(field("Renewal").type).toBe("date");
    expect(field("Last call").type).toBe("datetime-local");
    expect(field("VIP").type).toBe("checkbox");
    expect(field("Tier").tagName).toBe("SELECT");
    expect(field("Tier").value).toBe("silver"); // the default
    const tags = screen.getByRole("group", { name: "Tags" });
    expect(
      within(tags)
        .getAllByRole("checkbox")
        .map((c) => c.parentElement?.textContent),
    ).toEqual(["Alpha", "Beta"]);
    expect(screen.getByRole("combobox", { name: "Parent" })).toBeTruthy();
    expect(field("Account owner").tagName).toBe("SELECT");
    expect(within(field("Account owner")).getByRole("option", { name: "Ada Lovelace" })).toBeTruthy();
    expect(field("Code").readOnly).toBe(true); // readOnly: shown with its default, not editable
    expect(field("Code").value).toBe("A-1");
    expect(field("Secret")).toBeTruthy(); // managers may read it
    expect(screen.queryByLabelText("Why they left")).toBeNull(); // visibleWhen: tier is not churned
  });

  it("hides fields the role can't read and makes the ones it can't write read-only", () => {
    signIn("agent");
    setConfig(crmSnapshot());
    renderForm();
    expect(screen.queryByLabelText("Secret")).toBeNull();
    expect(field("Revenue").readOnly).toBe(true);
    expect(field("Email").readOnly).toBe(false);
  });

  it("shows no inputs to write with for read-only members", () => {
    signIn("read_only");
    setConfig(crmSnapshot());
    renderForm();
    expect(field(/^Name/).readOnly).toBe(true);
    expect(screen.queryByRole("button", { name: /save/i })).toBeNull();
  });

  it("evaluates visibleWhen and requiredWhen as the user types", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const { onSubmit } = renderForm();
    fireEvent.change(field("Tier"), { target: { value: "churned" } });
    const reason = field(/^Why they left/);
    expect(reason.getAttribute("aria-required")).toBe("true");

    type(/^Name/, "Globex");
    save();
    expect(await screen.findByText("is required")).toBeTruthy();
    expect(field(/^Why they left/).getAttribute("aria-invalid")).toBe("true");
    expect(onSubmit).not.toHaveBeenCalled();

    fireEvent.change(field("Tier"), { target: { value: "gold" } });
    expect(screen.queryByLabelText(/^Why they left/)).toBeNull();
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toStrictEqual({ name: "Globex", tier: "gold" });
  });

  it("blocks bad input with the same rules as the server", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const { onSubmit } = renderForm();
    type(/^Name/, "A name that is far too long for this");
    type("Email", "not-an-email");
    type("Seats", "0");
    type("Discount", "80");
    save();
    expect(await screen.findByText("must be a valid email address")).toBeTruthy();
    expect(screen.getByText("must be at most 20 characters long")).toBeTruthy();
    expect(screen.getByText("must be at least 1")).toBeTruthy();
    expect(screen.getByText("must be at most 50")).toBeTruthy();
    expect(field("Email").getAttribute("aria-invalid")).toBe("true");
    expect(field("Email").getAttribute("aria-describedby")).toBe(screen.getByText("must be a valid email address").id);
    expect(onSubmit).not.toHaveBeenCalled();

    // Fixing a value clears its message as the user types.
    type("Email", "ada@example.com");
    await waitFor(() => expect(screen.queryByText("must be a valid email address")).toBeNull());
  });

  it("puts the server's 422 details on their fields and shows a 403", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(422, "validation_failed", "Invalid", [{ path: "email", message: "is already taken" }]),
      )
      .mockRejectedValueOnce(new ApiError(403, "forbidden", "Your role may not write revenue"));
    renderForm({ onSubmit });
    type(/^Name/, "Globex");
    type("Email", "taken@example.com");
    save();
    expect(await screen.findByText("is already taken")).toBeTruthy();
    expect(field("Email").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain("Some values need fixing.");

    type("Email", "free@example.com");
    save();
    expect(await screen.findByText(/You're not allowed to do that\. Your role may not write revenue/)).toBeTruthy();
    expect(onSubmit.mock.calls[1]![0]).toMatchObject({ name: "Globex", email: "free@example.com" });
  });

  it("keeps what was typed when a new config version adds a field", async () => {
    signIn("agent");
    setConfig(crmSnapshot(), 1);
    const { onSubmit } = renderForm();
    type(/^Name/, "Typed earlier");
    type("Email", "kept@example.com");
    fireEvent.change(field("Tier"), { target: { value: "gold" } });

    const next = everyFieldForm();
    next.fields = next.fields.filter((f) => f.name !== "phone"); // removed
    next.fields.push({
      name: "region",
      label: "Region",
      type: "select",
      default: "emea",
      options: [
        { value: "emea", label: "EMEA" },
        { value: "apac", label: "APAC" },
      ],
    });
    act(() => setConfig(crmSnapshot({ form: { ...crmSnapshot().form, accounts: { default: next } } }), 2));

    expect(field("Region").value).toBe("emea"); // the new field, with its default
    expect(screen.queryByLabelText("Phone")).toBeNull();
    expect(field(/^Name/).value).toBe("Typed earlier");
    expect(field("Email").value).toBe("kept@example.com");
    expect(field("Tier").value).toBe("gold");

    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toStrictEqual({
      name: "Typed earlier",
      email: "kept@example.com",
      tier: "gold",
      region: "emea",
    });
  });
});

describe("FormRenderer editing a record", () => {
  const record = () =>
    makeRecord(
      "accounts",
      {
        name: "Globex",
        email: "info@globex.test",
        tier: "gold",
        tags: ["a"],
        vip: true,
        lastCall: "2026-03-01T09:30:00.000Z",
      },
      { id: "acc1", version: 3 },
    );

  it("shows the record's values and sends only what changed", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const onSubmit = vi.fn(async (payload: Record<string, unknown>, edited?: CrmRecord) => ({
      ...edited!,
      version: 4,
      data: { ...edited!.data, ...payload },
    }));
    renderForm({ record: record(), onSubmit });
    expect(field(/^Name/).value).toBe("Globex");
    expect(field("VIP").checked).toBe(true);
    expect(
      (within(screen.getByRole("group", { name: "Tags" })).getByLabelText("Alpha") as HTMLInputElement).checked,
    ).toBe(true);
    expect(field("Last call").value).toMatch(/^2026-03-0\dT\d\d:30$/);

    save();
    expect(await screen.findByText("Nothing has changed.")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    type("Email", "sales@globex.test");
    fireEvent.click(within(screen.getByRole("group", { name: "Tags" })).getByLabelText("Beta"));
    expect(screen.getByText("Unsaved changes")).toBeTruthy();
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toStrictEqual({ email: "sales@globex.test", tags: ["a", "b"] });
    expect(onSubmit.mock.calls[0]![1]?.version).toBe(3);
    expect(await screen.findByText("Saved.")).toBeTruthy();
  });

  it("on a 412 says the record changed and offers theirs, mine or cancel", async () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const onReload = vi.fn();
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(412, "precondition_failed", "Stale"));
    const onOverwrite = vi.fn(async (payload: Record<string, unknown>) => ({
      ...record(),
      version: 9,
      data: { ...record().data, ...payload },
    }));
    renderForm({ record: record(), onSubmit, onReload, onOverwrite });
    type("Email", "mine@globex.test");
    save();
    expect(await screen.findByText(/changed since you opened it/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByText(/changed since you opened it/)).toBeNull();
    expect(field("Email").value).toBe("mine@globex.test"); // still mine, still editing

    save();
    fireEvent.click(await screen.findByRole("button", { name: "Reload theirs" }));
    expect(onReload).toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Overwrite with mine" }));
    expect(await screen.findByText("Saved.")).toBeTruthy();
    expect(onOverwrite).toHaveBeenCalledWith({ email: "mine@globex.test" });
  });

  it("takes a newer version when there are no edits, and warns when there are", () => {
    signIn("agent");
    setConfig(crmSnapshot());
    const first = record();
    const { rerender } = renderWithRouter(<FormRenderer entity="accounts" record={first} onSubmit={vi.fn()} />);
    rerender(
      <FormRenderer
        entity="accounts"
        record={{ ...first, version: 4, data: { ...first.data, name: "Globex Corp" } }}
        onSubmit={vi.fn()}
      />,
    );
    expect(field(/^Name/).value).toBe("Globex Corp");

    type("Email", "typing@globex.test");
    rerender(
      <FormRenderer
        entity="accounts"
        record={{ ...first, version: 5, data: { ...first.data, name: "Globex Inc" } }}
        onSubmit={vi.fn()}
      />,
    );
    expect(field(/^Name/).value).toBe("Globex Corp"); // the user's edits stay
    expect(field("Email").value).toBe("typing@globex.test");
    expect(screen.getByText(/changed by someone else/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Load their changes/ }));
    expect(field(/^Name/).value).toBe("Globex Inc");
    expect(field("Email").value).toBe("info@globex.test");
  });
});
