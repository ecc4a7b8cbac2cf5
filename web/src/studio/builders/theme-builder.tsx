// theme/tenant/<key>: name, logo, colours and default mode, with a live preview.
import type { ThemeConfig } from "@shared/config/theme";
import { SelectControl, StudioField, TextControl } from "../controls/studio-field";
import { patch } from "../patch";
import type { BuilderProps } from "./builder-props";
import { ThemePreview } from "./theme-preview";

const HEX_RE = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
/** A colour input only takes #rrggbb. */
const toSix = (hex: string | undefined) =>
  hex && HEX_RE.test(hex)
    ? (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join("")}` : hex).toLowerCase()
    : "#000000";

export function ThemeBuilder({ value, onChange }: BuilderProps<ThemeConfig>) {
  const colors = value.colors ?? { primary: "#4f46e5" };
  const setColors = (changes: Partial<ThemeConfig["colors"]>) => onChange({ ...value, colors: patch(colors, changes) });
  return (
    <div className="builder builder-split">
      <section className="builder-section" aria-labelledby="theme-basics">
        <h2 id="theme-basics" className="builder-section-title">
          Theme
        </h2>
        <div className="form-grid">
          <TextControl
            path="name"
            label="Workspace name"
            value={value.name}
            onChange={(name) => onChange({ ...value, name: name ?? "" })}
          />
          <TextControl
            path="logoUrl"
            label="Logo URL"
            type="url"
            optional
            placeholder="https://…"
            value={value.logoUrl}
            onChange={(logoUrl) => onChange(patch(value, { logoUrl }))}
          />
          <ColorControl
            path="colors.primary"
            label="Primary colour"
            value={colors.primary}
            onChange={(primary) => setColors({ primary: primary ?? "" })}
          />
          <ColorControl
            path="colors.accent"
            label="Accent colour"
            optional
            value={colors.accent}
            onChange={(accent) => setColors({ accent })}
          />
          <SelectControl
            path="defaultMode"
            label="Default colour mode"
            value={value.defaultMode ?? ""}
            hint="Each person may still choose their own."
            onChange={(m) =>
              onChange(patch(value, { defaultMode: m === "" ? undefined : (m as ThemeConfig["defaultMode"]) }))
            }
          >
            <option value="">System (default)</option>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </SelectControl>
        </div>
      </section>
      <ThemePreview theme={value} />
    </div>
  );
}

function ColorControl({
  path,
  label,
  value,
  onChange,
  optional,
}: {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  optional?: boolean;
}) {
  return (
    <StudioField path={path} label={label}>
      {(a11y) => (
        <div className="row color-row">
          <input
            type="color"
            className="color-swatch"
            aria-label={`${label} picker`}
            value={toSix(value)}
            onChange={(e) => onChange(e.target.value)}
          />
          <input
            className="input input-grow mono"
            type="text"
            {...a11y}
            value={value ?? ""}
            placeholder={optional ? "none" : "#4f46e5"}
            onChange={(e) => onChange(e.target.value === "" && optional ? undefined : e.target.value)}
          />
          {optional && value && (
            <button type="button" className="button button-small" onClick={() => onChange(undefined)}>
              Clear
            </button>
          )}
        </div>
      )}
    </StudioField>
  );
}
