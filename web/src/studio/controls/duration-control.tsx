// A duration like "2d": a whole number and a unit.
import { DURATION_RE } from "@shared/config/common";
import { StudioField } from "./studio-field";

const UNITS = [
  ["m", "minutes"],
  ["h", "hours"],
  ["d", "days"],
  ["w", "weeks"],
] as const;

export function DurationControl({
  path,
  label,
  value,
  onChange,
  hint,
}: {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  hint?: string;
}) {
  const match = value ? DURATION_RE.exec(value) : null;
  const amount = match?.[1] ?? "";
  const unit = match?.[2] ?? "d";
  const set = (nextAmount: string, nextUnit: string) => {
    const n = Math.trunc(Number(nextAmount));
    onChange(nextAmount.trim() === "" || !Number.isFinite(n) ? undefined : `${n}${nextUnit}`);
  };
  return (
    <StudioField
      path={path}
      label={label}
      hint={value && !match ? `Current value "${value}" is not a duration like 2d.` : hint}
    >
      {(a11y) => (
        <div className="duration">
          <input
            className="input"
            type="number"
            min={1}
            step={1}
            {...a11y}
            value={amount}
            onChange={(e) => set(e.target.value, unit)}
          />
          <select
            className="input"
            aria-label={`${label} unit`}
            value={unit}
            onChange={(e) => set(amount || "1", e.target.value)}
          >
            {UNITS.map(([u, name]) => (
              <option key={u} value={u}>
                {name}
              </option>
            ))}
          </select>
        </div>
      )}
    </StudioField>
  );
}
