// A reference to a tenant secret ({ "$secret": NAME }): picked from the secrets the admin has
// set (Studio → Secrets). Values are write-only, so config never holds them.
import { Link } from "react-router";
import type { SecretRef } from "@shared/config/secret-ref";
import { listSecrets } from "../../api/secrets";
import { keys, useApiQuery } from "../../state/server-state";
import { StudioField } from "./studio-field";

export function SecretControl({
  path,
  label,
  value,
  onChange,
  optional,
}: {
  path: string;
  label: string;
  value: SecretRef | undefined;
  onChange: (value: SecretRef | undefined) => void;
  optional?: boolean;
}) {
  const secrets = useApiQuery(keys.admin("secrets"), (signal) => listSecrets(signal));
  const names = secrets.data?.map((s) => s.name) ?? [];
  const current = value?.$secret ?? "";
  // A name that is referenced but not (yet) set stays selectable, marked as missing.
  const options = current && !names.includes(current) ? [current, ...names] : names;
  const hint =
    secrets.status === "error"
      ? "Couldn't load the secrets list."
      : optional
        ? "Optional. Signs each request like our own hooks."
        : "The caller signs with this secret's value.";
  return (
    <StudioField path={path} label={label} hint={hint}>
      {(a11y) => (
        <div className="row">
          <select
            className="input input-grow"
            {...a11y}
            value={current}
            onChange={(e) => onChange(e.target.value ? { $secret: e.target.value } : undefined)}
          >
            <option value="">{optional ? "— none —" : "Choose a secret…"}</option>
            {options.map((n) => (
              <option key={n} value={n}>
                {names.includes(n) ? n : `${n} (not set)`}
              </option>
            ))}
          </select>
          <Link className="button button-small" to="/studio/secrets">
            Manage secrets
          </Link>
        </div>
      )}
    </StudioField>
  );
}
