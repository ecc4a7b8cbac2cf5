// A view's sort order: fields with a direction, first one wins.
import type { ViewConfig } from "@shared/config/view";
import { GroupControl } from "../../controls/group-control";
import { ItemButtons } from "../../controls/sortable-list";
import { SelectControl } from "../../controls/studio-field";
import { asList, moveItem, removeAt, replaceAt } from "../../patch";
import { childPath } from "../../paths";
import type { FieldInfo } from "../../snapshot-queries";

type Sort = NonNullable<ViewConfig["sort"]>[number];

export function SortEditor({
  sort,
  fields,
  onChange,
}: {
  sort: Sort[] | undefined;
  fields: FieldInfo[];
  onChange: (s: Sort[] | undefined) => void;
}) {
  const list = asList(sort);
  const set = (next: Sort[]) => onChange(next.length ? next : undefined);
  return (
    <GroupControl path="sort" legend="Sort by" hint="Absent: newest first.">
      {list.map((s, i) => {
        const path = childPath("sort", i);
        return (
          <div key={i} className="row sort-row">
            <SelectControl
              path={childPath(path, "field")}
              label={`Sort ${i + 1} field`}
              value={s.field}
              onChange={(field) => set(replaceAt(list, i, { ...s, field }))}
            >
              {!fields.some((f) => f.name === s.field) && <option value={s.field}>{s.field || "Choose…"}</option>}
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </SelectControl>
            <SelectControl
              path={childPath(path, "dir")}
              label="Direction"
              value={s.dir}
              onChange={(dir) => set(replaceAt(list, i, { ...s, dir: dir as Sort["dir"] }))}
            >
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </SelectControl>
            <ItemButtons
              index={i}
              count={list.length}
              name={`sort ${i + 1}`}
              onMove={(from, to) => set(moveItem(list, from, to))}
              onRemove={() => set(removeAt(list, i))}
            />
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button button-small"
          disabled={fields.length === 0}
          onClick={() => set([...list, { field: fields[0]!.name, dir: "asc" }])}
        >
          Add sort
        </button>
      </div>
    </GroupControl>
  );
}
