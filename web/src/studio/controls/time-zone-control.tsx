// An IANA time zone, picked from those this browser knows.
import { SelectControl } from "./studio-field";

const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo"];
  }
})();

export function TimeZoneControl({
  path,
  label,
  value,
  onChange,
  optional,
}: {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (zone: string | undefined) => void;
  optional?: boolean;
}) {
  return (
    <SelectControl path={path} label={label} value={value ?? ""} onChange={(v) => onChange(v === "" ? undefined : v)}>
      <option value="">{optional ? "UTC (default)" : "Choose a time zone…"}</option>
      {value && !ZONES.includes(value) && <option value={value}>{value}</option>}
      {ZONES.map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </SelectControl>
  );
}
