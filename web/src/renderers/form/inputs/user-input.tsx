// A member picker. Admins pick from every member; other roles from themselves (the member list
// is admin-only), and a value already set stays selectable.
import { shortId, usePeople } from "../../shared/members";
import { controlProps, type InputProps } from "./input-props";

export function UserInput(p: InputProps) {
  const people = usePeople();
  const value = typeof p.value === "string" ? p.value : "";
  const known = value === "" || people.some((person) => person.id === value);
  return (
    <select
      className="input"
      value={value}
      onChange={(e) => p.onChange(e.target.value)}
      disabled={p.readOnly}
      {...controlProps(p)}
    >
      <option value="">{p.required ? "Choose…" : "Nobody"}</option>
      {people.map((person) => <option key={person.id} value={person.id}>{person.name}</option>)}
      {!known && <option value={value}>{shortId(value)}</option>}
    </select>
  );
}
