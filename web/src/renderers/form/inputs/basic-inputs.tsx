// Inputs for text-like, numeric, date and boolean fields.
import { valueTypeOf } from "@shared/config/field-types";
import type { FieldType } from "@shared/config/field-types";
import { CURRENCY_SYMBOL } from "../../shared/format";
import { controlProps, type InputProps } from "./input-props";

const TEXT_TYPES: Partial<Record<FieldType, string>> = { email: "email", phone: "tel", url: "url", text: "text" };
const AUTOCOMPLETE: Partial<Record<FieldType, string>> = { email: "email", phone: "tel", url: "url" };

export function TextInput(p: InputProps) {
  return (
    <input
      className="input"
      type={TEXT_TYPES[valueTypeOf(p.field)] ?? "text"}
      autoComplete={AUTOCOMPLETE[valueTypeOf(p.field)] ?? "off"}
      value={String(p.value)}
      onChange={(e) => p.onChange(e.target.value)}
      readOnly={p.readOnly}
      placeholder={p.field.placeholder}
      maxLength={p.field.maxLength}
      {...controlProps(p)}
    />
  );
}

export function TextareaInput(p: InputProps) {
  return (
    <textarea
      className="input textarea"
      rows={4}
      value={String(p.value)}
      onChange={(e) => p.onChange(e.target.value)}
      readOnly={p.readOnly}
      placeholder={p.field.placeholder}
      maxLength={p.field.maxLength}
      {...controlProps(p)}
    />
  );
}

const AFFIX: Partial<Record<FieldType, { prefix?: string; suffix?: string; step: string }>> = {
  number: { step: "any" },
  currency: { prefix: CURRENCY_SYMBOL, step: "0.01" },
  percent: { suffix: "%", step: "any" },
};

/** Numbers stay text while typed, so "1." or "-" don't jump; the shared coercion reads them. */
export function NumberInput(p: InputProps) {
  const affix = AFFIX[valueTypeOf(p.field)] ?? { step: "any" };
  return (
    <span className="input-affix">
      {affix.prefix && (
        <span className="affix" aria-hidden="true">
          {affix.prefix}
        </span>
      )}
      <input
        className="input num"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={String(p.value)}
        onChange={(e) => p.onChange(e.target.value)}
        readOnly={p.readOnly}
        placeholder={p.field.placeholder}
        {...controlProps(p)}
      />
      {affix.suffix && (
        <span className="affix" aria-hidden="true">
          {affix.suffix}
        </span>
      )}
    </span>
  );
}

export function DateInput(p: InputProps) {
  return (
    <input
      className="input"
      type={p.field.type === "datetime" ? "datetime-local" : "date"}
      value={String(p.value)}
      onChange={(e) => p.onChange(e.target.value)}
      readOnly={p.readOnly}
      {...controlProps(p)}
    />
  );
}

export function CheckboxInput(p: InputProps) {
  return (
    <input
      className="checkbox"
      type="checkbox"
      checked={p.value === true}
      onChange={(e) => p.onChange(e.target.checked)}
      disabled={p.readOnly}
      {...controlProps(p)}
    />
  );
}
