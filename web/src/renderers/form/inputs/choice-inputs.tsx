// Select (one option) and multiselect (a group of checkboxes, one per option).
import { controlProps, type InputProps } from "./input-props";

export function SelectInput(p: InputProps) {
  const value = String(p.value);
  const options = p.field.options ?? [];
  const known = value === "" || options.some((o) => o.value === value);
  return (
    <select
      className="input"
      value={value}
      onChange={(e) => p.onChange(e.target.value)}
      disabled={p.readOnly}
      {...controlProps(p)}
    >
      <option value="">{p.field.placeholder ?? (p.required ? "Choose…" : "—")}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {/* A value the options no longer offer stays visible rather than silently changing. */}
      {!known && <option value={value}>{value}</option>}
    </select>
  );
}

export function MultiSelectInput(p: InputProps) {
  const picked = Array.isArray(p.value) ? p.value : [];
  const toggle = (value: string, on: boolean) =>
    p.onChange(on ? [...picked.filter((v) => v !== value), value] : picked.filter((v) => v !== value));
  return (
    <div className="choice-group" id={p.id}>
      {(p.field.options ?? []).map((o, i) => (
        <label key={o.value} className="choice">
          <input
            type="checkbox"
            className="checkbox"
            name={p.field.name}
            value={o.value}
            checked={picked.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
            onBlur={p.onBlur}
            disabled={p.readOnly}
            ref={i === 0 ? p.inputRef : undefined}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}
