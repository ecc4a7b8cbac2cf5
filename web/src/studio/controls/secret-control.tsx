// A write-only secret: hidden by default, with a generator. Members only ever see "***".
import { useState } from "react";
import { StudioField } from "./studio-field";

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function SecretControl({ path, label, value, onChange, optional }: {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  optional?: boolean;
}) {
  const [shown, setShown] = useState(false);
  return (
    <StudioField path={path} label={label} hint={optional ? "Optional. Signs each request like our own hooks." : "Keep it private; share it only with the caller."}>
      {(a11y) => (
        <div className="row">
          <input className="input input-grow" type={shown ? "text" : "password"} autoComplete="off" {...a11y}
            value={value ?? ""} onChange={(e) => onChange(e.target.value)} />
          <button type="button" className="button button-small" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
            {shown ? "Hide" : "Show"}
          </button>
          <button type="button" className="button button-small" onClick={() => { onChange(randomSecret()); setShown(true); }}>Generate</button>
        </div>
      )}
    </StudioField>
  );
}
