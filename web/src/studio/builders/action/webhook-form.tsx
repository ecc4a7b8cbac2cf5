// A webhook action: where, how, with what body, optionally signed.
import { useEffect, useState } from "react";
import type { ActionConfig } from "@shared/config/action";
import type { JsonValue } from "@shared/config/common";
import type { SecretRef } from "@shared/config/secret-ref";
import { SecretControl } from "../../controls/secret-control";
import { SelectControl, StudioField, TextControl } from "../../controls/studio-field";
import { patch } from "../../patch";

type Webhook = Extract<ActionConfig, { type: "webhook" }>;
const METHODS = ["POST", "PUT", "PATCH", "DELETE", "GET"] as const;

export function WebhookForm({ value, onChange }: { value: Webhook; onChange: (v: ActionConfig) => void }) {
  const headers = Object.entries(value.headers ?? {})
    .map(([k, v]) => `${k}: ${v.$secret}`)
    .join("\n");
  return (
    <div className="form-grid">
      <TextControl
        path="url"
        label="URL"
        type="url"
        value={value.url}
        onChange={(url) => onChange({ ...value, url: url ?? "" })}
      />
      <SelectControl
        path="method"
        label="Method"
        value={value.method ?? "POST"}
        onChange={(m) => onChange(patch(value, { method: m === "POST" ? undefined : (m as Webhook["method"]) }))}
      >
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </SelectControl>
      <StudioField
        path="headers"
        label="Headers"
        deep
        hint="One per line, Header-Name: SECRET_NAME. Header values are secrets (Studio → Secrets)."
        className="form-wide"
      >
        {(a11y) => (
          <textarea
            className="input mono"
            rows={3}
            {...a11y}
            defaultValue={headers}
            onChange={(e) => onChange(patch(value, { headers: parseHeaders(e.target.value) }))}
          />
        )}
      </StudioField>
      <JsonBodyControl value={value.body} onChange={(body) => onChange(patch(value, { body }))} />
      <SecretControl
        path="secret"
        label="Signing secret"
        optional
        value={value.secret}
        onChange={(secret) => onChange(patch(value, { secret }))}
      />
    </div>
  );
}

function parseHeaders(text: string): Record<string, SecretRef> | undefined {
  const entries = text
    .split("\n")
    .map((line) => line.split(/:(.*)/s))
    .filter(([k]) => k?.trim())
    .map(([k, v]) => [k!.trim(), { $secret: (v ?? "").trim() }] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function JsonBodyControl({
  value,
  onChange,
}: {
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
}) {
  const pretty = value === undefined ? "" : JSON.stringify(value, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (error === null && text !== pretty) setText(pretty);
  }, [pretty]); // only outside changes; the text being typed is read, not tracked
  return (
    <StudioField
      path="body"
      label="Body (JSON)"
      deep
      className="form-wide"
      hint={error ?? "Optional. Strings may use templates."}
    >
      {(a11y) => (
        <textarea
          className="input mono"
          rows={5}
          {...a11y}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === "") {
              setError(null);
              return onChange(undefined);
            }
            try {
              onChange(JSON.parse(e.target.value) as JsonValue);
              setError(null);
            } catch (err) {
              setError(`Not valid JSON yet: ${(err as Error).message}`);
            }
          }}
        />
      )}
    </StudioField>
  );
}
