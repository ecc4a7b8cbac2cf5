import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ModeToggle } from "../../../web/src/layout/mode-toggle";
import { COLOR_MODE_STORAGE_KEY } from "../../../web/src/state/color-mode";
import { useApplyTheme } from "../../../web/src/theme/apply-theme";
import { makeSnapshot, setConfig, signIn } from "../helpers";

function ThemedToggle() {
  useApplyTheme();
  return <ModeToggle />;
}

const html = document.documentElement;

describe("color mode and theme", () => {
  it("defaults to system, and the chosen mode lands on <html data-theme>", () => {
    signIn("agent");
    render(<ThemedToggle />);
    expect(html.dataset.theme).toBe("system");
    expect(screen.getByRole("radio", { name: "System" })).toHaveProperty("checked", true);

    fireEvent.click(screen.getByRole("radio", { name: "Dark" }));
    expect(html.dataset.theme).toBe("dark");
    expect(screen.getByRole("radio", { name: "Dark" })).toHaveProperty("checked", true);

    fireEvent.click(screen.getByRole("radio", { name: "Light" }));
    expect(html.dataset.theme).toBe("light");
    expect(JSON.parse(localStorage.getItem(COLOR_MODE_STORAGE_KEY)!).state.byUser).toEqual({ u1: "light" });
  });

  it("starts from the theme's defaultMode until the user picks one, per user", () => {
    signIn("agent");
    setConfig(
      makeSnapshot({
        theme: { tenant: { default: { name: "Acme", colors: { primary: "#0f766e" }, defaultMode: "dark" } } },
      }),
    );
    const { unmount } = render(<ThemedToggle />);
    expect(html.dataset.theme).toBe("dark");
    fireEvent.click(screen.getByRole("radio", { name: "Light" }));
    expect(html.dataset.theme).toBe("light");
    unmount();

    // Another user on the same device still gets the tenant's default.
    signIn("agent", { user: { id: "u2", email: "bo@example.com", name: "Bo" } });
    render(<ThemedToggle />);
    expect(html.dataset.theme).toBe("dark");
  });

  it("applies the theme's colors as CSS variables, live", () => {
    signIn("agent");
    setConfig(
      makeSnapshot({ theme: { tenant: { default: { colors: { primary: "#fde047", accent: "#0ea5e9" } } } } }),
      1,
    );
    render(<ThemedToggle />);
    expect(html.style.getPropertyValue("--brand-primary")).toBe("#fde047");
    expect(html.style.getPropertyValue("--brand-on-primary")).toBe("#111827"); // dark text on yellow
    expect(html.style.getPropertyValue("--brand-accent")).toBe("#0ea5e9");
  });
});
