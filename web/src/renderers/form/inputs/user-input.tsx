// A member picker over the member directory (every active member, by name); a value already set
// stays selectable even when its member has left.
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
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name}
        </option>
      ))}
      {!known && <option value={value}>{shortId(value)}</option>}
    </select>
  );
}
