// An input for one value of a field, shaped by the field's type: options become a select,
// numbers a number input, booleans yes / no. Conditions also offer the $now / $user tokens.
import { useEffect, useState } from "react";
import type { ConditionScalar } from "@shared/config/condition";
import type { ControlA11y } from "../errors/errors-context";
import type { FieldInfo } from "../snapshot-queries";
import { coerceScalar, parseList } from "../condition-builder/model";

export const VALUE_TOKENS = ["$now", "$now-7d", "$now-30d", "$now+1d", "$user"] as const;
const NUMERIC = new Set(["number", "currency", "percent"]);

interface ScalarInputProps {
  field: FieldInfo | undefined;
  value: unknown;
  /** undefined: cleared. */
  onChange: (value: ConditionScalar | undefined) => void;
  a11y: ControlA11y;
  label: string;
  tokens?: readonly string[];
}

export function ScalarInput({ field, value, onChange, a11y, label, tokens }: ScalarInputProps) {
  const type = field?.type;
  const text = value === undefined || value === null ? "" : String(value);
  if (field?.options?.length) {
    const known = field.options.some((o) => o.value === text);
    return (
      <select
        className="input"
        aria-label={label}
        {...a11y}
        value={text}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
      >
        <option value="">Choose…</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {!known && text !== "" && <option value={text}>{text}</option>}
      </select>
    );
  }
  if (type === "boolean") {
    return (
      <select
        className="input"
        aria-label={label}
        {...a11y}
        value={text}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")}
      >
        <option value="">Choose…</option>
        <option value="true">Yes (true)</option>
        <option value="false">No (false)</option>
      </select>
    );
  }
  if (type && NUMERIC.has(type)) {
    return (
      <input
        className="input"
        type="number"
        aria-label={label}
        {...a11y}
        value={text}
        onChange={(e) => onChange(e.target.value === "" ? undefined : coerceScalar(e.target.value, type))}
      />
    );
  }
  const listId = tokens?.length ? `${a11y.id}-tokens` : undefined;
  const inputType = !tokens?.length && type === "date" ? "date" : "text";
  return (
    <>
      <input
        className="input"
        type={inputType}
        aria-label={label}
        {...a11y}
        value={text}
        list={listId}
        placeholder={tokens?.length && (type === "date" || type === "datetime") ? "2026-01-31 or $now-7d" : undefined}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
      />
      {listId && (
        <datalist id={listId}>
          {tokens!.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      )}
    </>
  );
}

interface ListInputProps {
  field: FieldInfo | undefined;
  value: unknown;
  onChange: (value: ConditionScalar[]) => void;
  a11y: ControlA11y;
  label: string;
}

/** Several values: checkboxes for a field with options, else comma-separated text. */
export function ListInput({ field, value, onChange, a11y, label }: ListInputProps) {
  const list = Array.isArray(value) ? (value as ConditionScalar[]) : [];
  if (field?.options?.length) {
    const extra = list.filter((v) => !field.options!.some((o) => o.value === v));
    const toggle = (v: ConditionScalar, on: boolean) => onChange(on ? [...list, v] : list.filter((x) => x !== v));
    return (
      <fieldset className="check-group" {...a11y} tabIndex={-1}>
        <legend className="visually-hidden">{label}</legend>
        {[...field.options, ...extra.map((v) => ({ value: String(v), label: String(v) }))].map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={list.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  return <ListTextInput value={list} onChange={onChange} a11y={a11y} label={label} type={field?.type} />;
}

function ListTextInput({
  value,
  onChange,
  a11y,
  label,
  type,
}: {
  value: ConditionScalar[];
  onChange: (value: ConditionScalar[]) => void;
  a11y: ControlA11y;
  label: string;
  type?: string;
}) {
  const joined = value.map(String).join(", ");
  const [text, setText] = useState(joined);
  // Follow outside changes without clobbering what is being typed ("a, " parses like "a").
  useEffect(() => {
    if (parseList(text, type).map(String).join(", ") !== joined) setText(joined);
  }, [joined]); // only outside changes; the text being typed is read, not tracked
  return (
    <input
      className="input"
      type="text"
      aria-label={label}
      {...a11y}
      value={text}
      placeholder="value, another value"
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseList(e.target.value, type));
      }}
    />
  );
}
