import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SideNav } from "../../../web/src/layout/side-nav";
import { applyDelta } from "../../../web/src/state/runtime-config";
import { makeSnapshot, renderAt, setConfig, signIn } from "../helpers";

const nav = () => screen.getByRole("navigation", { name: "Main" });
const linkNames = (list: HTMLElement) =>
  within(list)
    .getAllByRole("link")
    .map((a) => a.textContent);

describe("side navigation", () => {
  it("lists one entry per entity with a default form, with its views for the user's role", () => {
    signIn("agent");
    setConfig(makeSnapshot());
    renderAt(<SideNav />, "/crm");

    expect(within(nav()).getByRole("link", { name: "Customers" })).toHaveProperty("pathname", "/crm/customers");
    expect(within(nav()).getByRole("link", { name: "Cases" })).toBeTruthy(); // no form title: the key, title-cased
    expect(within(nav()).queryByRole("link", { name: /notes|quick note/i })).toBeNull(); // no default form

    const dealViews = within(nav()).getByRole("list", { name: "Deals views" });
    expect(linkNames(dealViews)).toEqual(["All deals", "My deals"]); // "Pipeline" is for managers
    expect(within(dealViews).getByRole("link", { name: "My deals" })).toHaveProperty(
      "pathname",
      "/crm/deals/views/mine",
    );
    expect(within(nav()).getByRole("link", { name: "Home" }).getAttribute("aria-current")).toBe("page");
  });

  it("shows role-limited views to the roles they name", () => {
    signIn("manager");
    setConfig(makeSnapshot());
    renderAt(<SideNav />, "/crm");
    expect(linkNames(within(nav()).getByRole("list", { name: "Deals views" }))).toEqual([
      "All deals",
      "My deals",
      "Pipeline",
    ]);
  });

  it("shows the Studio to admins, and only its audit log to managers", () => {
    signIn("agent");
    setConfig(makeSnapshot());
    const first = renderAt(<SideNav />, "/crm");
    expect(screen.queryByRole("heading", { name: "Studio" })).toBeNull();
    first.unmount();

    signIn("manager");
    const { unmount } = renderAt(<SideNav />, "/crm");
    expect(linkNames(screen.getByRole("region", { name: "Studio" }))).toEqual(["Audit log"]);
    expect(screen.queryByRole("link", { name: "Members" })).toBeNull();
    unmount();

    signIn("admin");
    renderAt(<SideNav />, "/crm");
    const studio = screen.getByRole("region", { name: "Studio" });
    expect(linkNames(studio)).toEqual([
      "Config items",
      "New item",
      "Publish",
      "Versions",
      "Sandboxes",
      "Audit log",
      "Members",
      "API keys",
      "Automation runs",
      "Outgoing email",
      "Secrets",
      "Limits",
    ]);
  });

  it("follows a publish without a reload", () => {
    signIn("agent");
    setConfig(makeSnapshot(), 1);
    renderAt(<SideNav />, "/crm");
    act(() => {
      applyDelta(1, 2, "h2", {
        set: [{ namespace: "form", entity: "companies", key: "default", config: { title: "Company", fields: [] } }],
        removed: [{ namespace: "form", entity: "cases", key: "default" }],
      });
    });
    expect(within(nav()).getByRole("link", { name: "Companies" })).toBeTruthy();
    expect(within(nav()).queryByRole("link", { name: "Cases" })).toBeNull();
  });
});
