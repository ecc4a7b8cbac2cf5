// Role pickers: one lowest role (field access), or a set of roles (views, transitions).
import { ROLES, type Role } from "@shared/roles";
import { titleCase } from "../../config/labels";
import { GroupControl } from "./group-control";
import { SelectControl } from "./studio-field";

export function RoleSelectControl({
  path,
  label,
  value,
  onChange,
  noneLabel = "Everyone",
  hint,
}: {
  path: string;
  label: string;
  value: Role | undefined;
  onChange: (role: Role | undefined) => void;
  noneLabel?: string;
  hint?: string;
}) {
  return (
    <SelectControl
      path={path}
      label={label}
      hint={hint}
      value={value ?? ""}
      onChange={(v) => onChange(v === "" ? undefined : (v as Role))}
    >
      <option value="">{noneLabel}</option>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {titleCase(r)}
        </option>
      ))}
    </SelectControl>
  );
}

/** Checkboxes; none checked means the setting is absent. */
export function RolesControl({
  path,
  legend,
  value,
  onChange,
  hint,
}: {
  path: string;
  legend: string;
  value: Role[] | undefined;
  onChange: (roles: Role[] | undefined) => void;
  hint?: string;
}) {
  const current = Array.isArray(value) ? value : [];
  const toggle = (role: Role, on: boolean) => {
    const next = ROLES.filter((r) => (r === role ? on : current.includes(r)));
    onChange(next.length ? next : undefined);
  };
  return (
    <GroupControl path={path} legend={legend} hint={hint} deep className="check-row">
      {ROLES.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" checked={current.includes(r)} onChange={(e) => toggle(r, e.target.checked)} />
          <span>{titleCase(r)}</span>
        </label>
      ))}
    </GroupControl>
  );
}
