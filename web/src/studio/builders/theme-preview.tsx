// How the theme looks, in light and dark, without applying it to the app.
import type { CSSProperties } from "react";
import type { ThemeConfig } from "@shared/config/theme";

const HEX_RE = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function Mock({ theme, mode }: { theme: ThemeConfig; mode: "light" | "dark" }) {
  const primary = HEX_RE.test(theme.colors?.primary ?? "") ? theme.colors.primary : "#4f46e5";
  const accent = theme.colors?.accent && HEX_RE.test(theme.colors.accent) ? theme.colors.accent : primary;
  const style = { "--p": primary, "--a": accent } as CSSProperties;
  return (
    <figure className={`theme-mock theme-mock-${mode}`} style={style}>
      <div className="theme-mock-bar">
        {theme.logoUrl ? (
          <img src={theme.logoUrl} alt="" className="theme-mock-logo" />
        ) : (
          <span className="theme-mock-mark" aria-hidden="true" />
        )}
        <strong>{theme.name || "Workspace"}</strong>
      </div>
      <div className="theme-mock-body">
        <span className="theme-mock-link">Open deals</span>
        <span className="theme-mock-badge">Accent</span>
        <span className="theme-mock-button">Save</span>
      </div>
      <figcaption className="muted">{mode === "light" ? "Light" : "Dark"}</figcaption>
    </figure>
  );
}

export function ThemePreview({ theme }: { theme: ThemeConfig }) {
  return (
    <section className="builder-section theme-preview" aria-labelledby="theme-preview">
      <h2 id="theme-preview" className="builder-section-title">
        Preview
      </h2>
      <Mock theme={theme} mode="light" />
      <Mock theme={theme} mode="dark" />
    </section>
  );
}
