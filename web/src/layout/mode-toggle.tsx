// Light / dark / system as a radio group: arrow keys move between the three.
import { useId } from "react";
import type { ColorMode } from "../config/types";
import { useColorMode } from "../state/color-mode";

const MODES: Array<{ mode: ColorMode; label: string; icon: string }> = [
  { mode: "light", label: "Light", icon: "☀" },
  { mode: "dark", label: "Dark", icon: "☾" },
  { mode: "system", label: "System", icon: "◐" },
];

export function ModeToggle() {
  const { mode, setMode } = useColorMode();
  const name = useId();
  return (
    <fieldset className="mode-toggle">
      <legend className="visually-hidden">Color mode</legend>
      {MODES.map((m) => (
        <label key={m.mode} className="mode-option" title={`${m.label} mode`}>
          <input type="radio" name={name} value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} />
          <span aria-hidden="true" className="mode-icon">
            {m.icon}
          </span>
          <span className="visually-hidden">{m.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
