// view/<entity>/<key>: title, type, columns, filter, sort, kanban lanes, page size, roles.
import { VIEW_TYPES, type ViewConfig } from "@shared/config/view";
import { OptionalCondition } from "../../condition-builder/condition-builder";
import { RolesControl } from "../../controls/role-controls";
import { NumberControl, SelectControl, TextControl } from "../../controls/studio-field";
import { useItemContext } from "../../item-context";
import { patch } from "../../patch";
import { conditionFields } from "../../snapshot-queries";
import type { BuilderProps } from "../builder-props";
import { ColumnsEditor } from "./columns-editor";
import { SortEditor } from "./sort-editor";

const TYPE_LABELS: Record<ViewConfig["type"], string> = { table: "Table", kanban: "Kanban board", list: "List" };
const GROUPABLE = new Set(["select", "boolean", "user", "reference"]);

export function ViewBuilder({ value, onChange }: BuilderProps<ViewConfig>) {
  const { snapshot, entity } = useItemContext();
  const fields = conditionFields(snapshot, entity);
  const lanes = fields.filter((f) => GROUPABLE.has(f.type) || f.name === "status" || f.name === "ownerId");
  const set = (changes: Partial<ViewConfig>) => onChange(patch(value, changes));
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="view-basics">
        <h2 id="view-basics" className="builder-section-title">
          View
        </h2>
        <div className="form-grid">
          <TextControl
            path="title"
            label="Title"
            value={value.title}
            onChange={(title) => set({ title: title ?? "" })}
          />
          <SelectControl
            path="type"
            label="Type"
            value={value.type}
            onChange={(type) => set({ type: type as ViewConfig["type"] })}
          >
            {VIEW_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </SelectControl>
          <SelectControl
            path="groupBy"
            label="Lanes (group by)"
            value={value.groupBy ?? ""}
            hint={value.type === "kanban" ? "Required for a kanban board." : "Used by kanban boards."}
            onChange={(groupBy) => set({ groupBy: groupBy || undefined })}
          >
            <option value="">None</option>
            {lanes.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
            {value.groupBy && !lanes.some((f) => f.name === value.groupBy) && (
              <option value={value.groupBy}>{value.groupBy}</option>
            )}
          </SelectControl>
          <NumberControl
            path="pageSize"
            label="Page size"
            min={1}
            max={200}
            step={1}
            value={value.pageSize}
            onChange={(pageSize) => set({ pageSize })}
            hint="1–200; absent: 50."
          />
        </div>
        <RolesControl
          path="roles"
          legend="Shown in navigation to"
          value={value.roles}
          onChange={(roles) => set({ roles })}
          hint="None checked: everyone."
        />
      </section>
      <ColumnsEditor columns={value.columns} fields={fields} onChange={(columns) => set({ columns })} />
      <section className="builder-section" aria-labelledby="view-filter">
        <h2 id="view-filter" className="builder-section-title">
          Filter and sort
        </h2>
        <OptionalCondition
          path="filter"
          label="Filter"
          hint="Absent: every record."
          value={value.filter}
          onChange={(filter) => set({ filter })}
        />
        <SortEditor sort={value.sort} fields={fields} onChange={(sort) => set({ sort })} />
      </section>
    </div>
  );
}
