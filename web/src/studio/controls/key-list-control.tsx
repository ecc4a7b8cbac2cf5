// An ordered list of item keys (an automation's actions, an SLA's onBreach …), picked from
// the keys that exist, each linking to its own builder.
import { useState } from "react";
import { Link } from "react-router";
import { moveItem, removeAt } from "../patch";
import { childPath } from "../paths";
import { ControlErrors, useControl } from "../errors/errors-context";
import { GroupControl } from "./group-control";
import { ItemButtons } from "./sortable-list";

export function KeyListControl({
  path,
  legend,
  value,
  onChange,
  choices,
  itemUrl,
  hint,
  ordered = true,
}: {
  path: string;
  legend: string;
  value: string[] | undefined;
  /** An empty list becomes undefined unless `keepEmpty`. */
  onChange: (keys: string[] | undefined) => void;
  choices: string[];
  itemUrl?: (key: string) => string;
  hint?: string;
  ordered?: boolean;
}) {
  const keys = Array.isArray(value) ? value : [];
  const remaining = choices.filter((c) => !keys.includes(c));
  const [adding, setAdding] = useState("");
  const pick = adding && remaining.includes(adding) ? adding : (remaining[0] ?? "");
  const set = (next: string[]) => onChange(next.length ? next : undefined);
  return (
    <GroupControl path={path} legend={legend} hint={hint}>
      {keys.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ol className="key-list">
          {keys.map((k, i) => (
            <KeyRow
              key={`${k}-${i}`}
              path={childPath(path, i)}
              name={k}
              url={itemUrl?.(k)}
              index={i}
              count={keys.length}
              onMove={ordered ? (from, to) => set(moveItem(keys, from, to)) : undefined}
              onRemove={() => set(removeAt(keys, i))}
            />
          ))}
        </ol>
      )}
      <div className="row">
        <select
          className="input input-compact"
          aria-label={`Add to ${legend}`}
          value={pick}
          disabled={remaining.length === 0}
          onChange={(e) => setAdding(e.target.value)}
        >
          {remaining.length === 0 && <option value="">Nothing left to add</option>}
          {remaining.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" disabled={!pick} onClick={() => set([...keys, pick])}>
          Add
        </button>
      </div>
    </GroupControl>
  );
}

function KeyRow({
  path,
  name,
  url,
  index,
  count,
  onMove,
  onRemove,
}: {
  path: string;
  name: string;
  url?: string;
  index: number;
  count: number;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { id, errors, errorId } = useControl(path);
  return (
    <li className="key-row">
      <span id={id} tabIndex={-1} aria-describedby={errorId}>
        {url ? (
          <Link to={url}>
            <code>{name}</code>
          </Link>
        ) : (
          <code>{name}</code>
        )}
      </span>
      <ItemButtons index={index} count={count} name={name} onMove={onMove} onRemove={onRemove} />
      <ControlErrors id={errorId} errors={errors} />
    </li>
  );
}
