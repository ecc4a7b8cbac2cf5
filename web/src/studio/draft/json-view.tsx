// The item as JSON, for power users. Edits flow back to the builder as soon as they parse;
// until then the last good value stays and the parse error is shown with its line and column.
import { useEffect, useState } from "react";
import { canonicalJson } from "@shared/config/hash";
import { isObject } from "../patch";
import { jsonErrorOffset, lineAndColumn } from "./json-error-offset";

const pretty = (value: unknown) => JSON.stringify(value ?? {}, null, 2);

/** The parser's message, with the line and column where the text goes wrong. */
export function describeParseError(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
  const offset = jsonErrorOffset(text);
  if (offset === null) return message;
  const { line, column } = lineAndColumn(text, offset);
  return `${message.replace(/\s*\(line \d+ column \d+\)/, "")} (line ${line}, column ${column})`;
}

export type ParseResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function parseConfig(text: string): ParseResult {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? { ok: true, value } : { ok: false, error: "A config is a JSON object: { … }" };
  } catch (error) {
    return { ok: false, error: describeParseError(error, text) };
  }
}

export function JsonView({ value, onChange }: { value: unknown; onChange: (value: unknown) => void }) {
  const [text, setText] = useState(() => pretty(value));
  const [error, setError] = useState<string | null>(null);

  // Follow changes made elsewhere (the builder, a reload) unless they are this text's own.
  useEffect(() => {
    const parsed = parseConfig(text);
    if (!parsed.ok || canonicalJson(parsed.value) !== canonicalJson(value)) {
      setText(pretty(value));
      setError(null);
    }
  }, [value]); // only outside changes; the text being typed is read, not tracked

  const edit = (next: string) => {
    setText(next);
    const parsed = parseConfig(next);
    setError(parsed.ok ? null : parsed.error);
    if (parsed.ok) onChange(parsed.value);
  };

  return (
    <div className="json-view">
      <div className="json-view-head">
        <label htmlFor="ctl-json" className="field-label">
          Config as JSON
        </label>
        <button
          type="button"
          className="button button-small"
          disabled={error !== null}
          onClick={() => setText(pretty(value))}
        >
          Format
        </button>
      </div>
      <textarea
        id="ctl-json"
        className="input mono json-text"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        rows={Math.min(40, Math.max(12, text.split("\n").length + 1))}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "json-error" : "json-hint"}
        onChange={(e) => edit(e.target.value)}
      />
      {error ? (
        <p id="json-error" className="field-error" role="alert">
          Not applied — {error}
        </p>
      ) : (
        <p id="json-hint" className="field-hint">
          Changes apply to the builder as you type. Unknown properties are rejected at validation.
        </p>
      )}
    </div>
  );
}
