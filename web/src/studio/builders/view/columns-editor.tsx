// A view's columns: field, optional label and width, in drag-and-drop order.
import type { ViewConfig } from "@shared/config/view";
import { DragHandle, ItemButtons, SortableList } from "../../controls/sortable-list";
import { NumberControl, SelectControl, TextControl } from "../../controls/studio-field";
import { useStableKeys } from "../../controls/use-stable-keys";
import { GroupControl } from "../../controls/group-control";
import { asList, moveItem, patch, removeAt, replaceAt } from "../../patch";
import { childPath } from "../../paths";
import type { FieldInfo } from "../../snapshot-queries";

type Column = ViewConfig["columns"][number];

export function ColumnsEditor({
  columns,
  fields,
  onChange,
}: {
  columns: Column[];
  fields: FieldInfo[];
  onChange: (c: Column[]) => void;
}) {
  const list = asList(columns);
  const keys = useStableKeys(list.length);
  const name = (i: number) => `column ${list[i]?.label || list[i]?.field || i + 1}`;
  const move = (from: number, to: number) => {
    keys.move(from, to);
    onChange(moveItem(list, from, to));
  };
  const unused = fields.find((f) => !list.some((c) => c.field === f.name));
  return (
    <section className="builder-section" aria-labelledby="view-columns">
      <h2 id="view-columns" className="builder-section-title">
        Columns <span className="count">{list.length}</span>
      </h2>
      <GroupControl path="columns" legend="Columns, in order">
        <SortableList ids={keys.keys} label="Columns" itemLabel={name} onMove={move}>
          {(_id, i, handle) => {
            const column = list[i]!;
            const path = childPath("columns", i);
            return (
              <div className="card-row">
                <DragHandle handle={handle} name={name(i)} />
                <div className="inline-grid">
                  <SelectControl
                    path={childPath(path, "field")}
                    label="Field"
                    value={column.field}
                    onChange={(field) => onChange(replaceAt(list, i, { ...column, field }))}
                  >
                    {!fields.some((f) => f.name === column.field) && (
                      <option value={column.field}>{column.field || "Choose…"}</option>
                    )}
                    {fields.map((f) => (
                      <option key={f.name} value={f.name}>
                        {f.label}
                      </option>
                    ))}
                  </SelectControl>
                  <TextControl
                    path={childPath(path, "label")}
                    label="Header"
                    optional
                    placeholder="Field label"
                    value={column.label}
                    onChange={(label) => onChange(replaceAt(list, i, patch(column, { label })))}
                  />
                  <NumberControl
                    path={childPath(path, "width")}
                    label="Width (px)"
                    min={40}
                    max={2000}
                    step={10}
                    value={column.width}
                    onChange={(width) => onChange(replaceAt(list, i, patch(column, { width })))}
                  />
                </div>
                <ItemButtons
                  index={i}
                  count={list.length}
                  name={name(i)}
                  onMove={move}
                  onRemove={() => {
                    keys.remove(i);
                    onChange(removeAt(list, i));
                  }}
                />
              </div>
            );
          }}
        </SortableList>
        <div>
          <button
            type="button"
            className="button button-small"
            disabled={fields.length === 0}
            onClick={() => onChange([...list, { field: (unused ?? fields[0])!.name }])}
          >
            Add column
          </button>
        </div>
      </GroupControl>
    </section>
  );
}
