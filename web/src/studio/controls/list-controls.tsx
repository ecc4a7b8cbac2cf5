// Lists of plain values: text (holidays, user ids) or numbers (warning percentages).
import type { ReactNode } from "react";
import { insertAt, numberOrUndefined, removeAt, replaceAt } from "../patch";
import { childPath } from "../paths";
import { ControlErrors, useControl } from "../errors/errors-context";
import { GroupControl } from "./group-control";
import { ItemButtons } from "./sortable-list";

interface ListProps<T> {
  path: string;
  legend: string;
  value: T[] | undefined;
  onChange: (value: T[] | undefined) => void;
  hint?: string;
  addLabel?: string;
}

export function StringListControl({
  inputType = "text",
  newItem = "",
  describe,
  ...props
}: ListProps<string> & {
  inputType?: string;
  newItem?: string;
  /** A note shown beside each item (e.g. the weekday of a date). */
  describe?: (value: string) => string | null;
}) {
  return (
    <ListControl
      {...props}
      newItem={newItem}
      render={(item, set, a11y) => (
        <>
          <input className="input" type={inputType} {...a11y} value={item} onChange={(e) => set(e.target.value)} />
          {describe?.(item) && <span className="muted nowrap">{describe(item)}</span>}
        </>
      )}
    />
  );
}

export function NumberListControl(props: ListProps<number> & { newItem: number; min?: number; max?: number }) {
  return (
    <ListControl
      {...props}
      render={(item, set, a11y) => (
        <input
          className="input"
          type="number"
          min={props.min}
          max={props.max}
          {...a11y}
          value={Number.isFinite(item) ? item : ""}
          onChange={(e) => set(numberOrUndefined(e.target.value) ?? Number.NaN)}
        />
      )}
    />
  );
}

function ListControl<T>({
  path,
  legend,
  value,
  onChange,
  hint,
  addLabel = "Add",
  newItem,
  render,
}: ListProps<T> & {
  newItem: T;
  render: (item: T, set: (item: T) => void, a11y: { id: string; "aria-label": string }) => ReactNode;
}) {
  const list = Array.isArray(value) ? value : [];
  const set = (next: T[]) => onChange(next.length ? next : undefined);
  return (
    <GroupControl path={path} legend={legend} hint={hint}>
      {list.length === 0 && <p className="muted">None.</p>}
      {list.map((item, i) => (
        <ListRow
          key={i}
          path={childPath(path, i)}
          index={i}
          count={list.length}
          name={`${legend} ${i + 1}`}
          onRemove={() => set(removeAt(list, i))}
        >
          {(a11y) => render(item, (next) => set(replaceAt(list, i, next)), a11y)}
        </ListRow>
      ))}
      <div>
        <button type="button" className="button button-small" onClick={() => set(insertAt(list, list.length, newItem))}>
          {addLabel}
        </button>
      </div>
    </GroupControl>
  );
}

function ListRow({
  path,
  index,
  count,
  name,
  onRemove,
  children,
}: {
  path: string;
  index: number;
  count: number;
  name: string;
  onRemove: () => void;
  children: (a11y: {
    id: string;
    "aria-label": string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => ReactNode;
}) {
  const { a11y, errors, errorId } = useControl(path);
  return (
    <div className="list-row">
      <div className="row">
        {children({ ...a11y, "aria-label": name })}
        <ItemButtons index={index} count={count} name={name} onRemove={onRemove} />
      </div>
      <ControlErrors id={errorId} errors={errors} />
    </div>
  );
}
