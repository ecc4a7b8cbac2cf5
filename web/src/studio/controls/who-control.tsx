// Who: members holding a role, named users, the record's owner ("$owner") or one user.
import type { Members } from "@shared/config/common";
import type { Role } from "@shared/roles";
import { childPath } from "../paths";
import { GroupControl } from "./group-control";
import { RoleSelectControl } from "./role-controls";
import { useMemberChoices } from "./use-members";

export type Who = Members | string;
export type WhoMode = "role" | "users" | "owner" | "user";

const MODE_LABELS: Record<WhoMode, string> = {
  role: "Everyone with a role",
  users: "Chosen users",
  owner: "The record's owner",
  user: "One user",
};

function modeOf(value: Who | undefined): WhoMode {
  if (typeof value === "string") return value === "$owner" ? "owner" : "user";
  return value && "users" in value && value.users !== undefined ? "users" : "role";
}

function initial(mode: WhoMode): Who {
  if (mode === "owner") return "$owner";
  if (mode === "user") return "";
  return mode === "users" ? { users: [] } : { role: "agent" };
}

export function WhoControl({
  path,
  legend,
  value,
  onChange,
  modes = ["role", "users"],
}: {
  path: string;
  legend: string;
  value: Who | undefined;
  onChange: (value: Who) => void;
  modes?: WhoMode[];
}) {
  const mode = modeOf(value);
  const members = useMemberChoices();
  const users = typeof value === "object" && value && Array.isArray(value.users) ? value.users : [];
  const toggle = (id: string, on: boolean) => onChange({ users: on ? [...users, id] : users.filter((u) => u !== id) });
  const userChoices = [
    ...members,
    ...users.filter((u) => !members.some((m) => m.value === u)).map((u) => ({ value: u, label: u })),
  ];
  return (
    <GroupControl path={path} legend={legend} className="who">
      <select
        className="input"
        aria-label={`${legend}: who`}
        value={mode}
        onChange={(e) => onChange(initial(e.target.value as WhoMode))}
      >
        {modes.map((m) => (
          <option key={m} value={m}>
            {MODE_LABELS[m]}
          </option>
        ))}
      </select>
      {mode === "role" && (
        <RoleSelectControl
          path={childPath(path, "role")}
          label="Role"
          noneLabel="Choose a role…"
          value={typeof value === "object" ? (value.role as Role | undefined) : undefined}
          onChange={(role) => role && onChange({ role })}
        />
      )}
      {mode === "users" && (
        <GroupControl path={childPath(path, "users")} legend="Users" deep className="check-row">
          {userChoices.length === 0 && <p className="field-hint">No members found.</p>}
          {userChoices.map((u) => (
            <label key={u.value} className="check">
              <input
                type="checkbox"
                checked={users.includes(u.value)}
                onChange={(e) => toggle(u.value, e.target.checked)}
              />
              <span>{u.label}</span>
            </label>
          ))}
        </GroupControl>
      )}
      {mode === "user" && (
        <select
          className="input"
          aria-label={`${legend}: user`}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">Choose a user…</option>
          {userChoices.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
          {typeof value === "string" && value && !userChoices.some((u) => u.value === value) && (
            <option value={value}>{value}</option>
          )}
        </select>
      )}
    </GroupControl>
  );
}
