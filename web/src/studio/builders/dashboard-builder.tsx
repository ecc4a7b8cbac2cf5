// dashboard/tenant/<key>: a title and widgets, each a metric shown as a number or a chart.
import { DASHBOARD_METRICS, type DashboardConfig, WIDGET_TYPES } from "@shared/config/dashboard";
import { DragHandle, ItemButtons, SortableList } from "../controls/sortable-list";
import { SelectControl, TextControl } from "../controls/studio-field";
import { useStableKeys } from "../controls/use-stable-keys";
import { GroupControl } from "../controls/group-control";
import { useItemContext } from "../item-context";
import { asList, moveItem, patch, removeAt, replaceAt } from "../patch";
import { childPath } from "../paths";
import { entityNames, itemKeys } from "../snapshot-queries";
import type { BuilderProps } from "./builder-props";

type Widget = DashboardConfig["widgets"][number];
const TYPE_LABELS: Record<Widget["type"], string> = {
  metric: "Number",
  bar: "Bar chart",
  line: "Line chart",
  pie: "Pie chart",
  table: "Table",
};

// The metrics the server computes, by name for people (a new metric does not compile until named here).
const METRIC_LABELS: Record<(typeof DASHBOARD_METRICS)[number], string> = {
  "customers.total": "Customers",
  "deals.open": "Open deals",
  "deals.won": "Deals won",
  "deals.lost": "Deals lost",
  "deals.pipelineValue": "Pipeline value",
  "deals.byStage": "Deals by stage",
  "cases.open": "Open cases",
  "cases.byStatus": "Cases by status",
  "cases.breached": "Cases with a breached SLA",
  "cases.slaCompliance": "SLA compliance (%)",
  "activities.open": "Open activities",
  "activities.overdue": "Overdue activities",
};
const METRIC_GROUPS = (["Customers", "Deals", "Cases", "Activities"] as const).map(
  (group) => [group, DASHBOARD_METRICS.filter((m) => m.startsWith(`${group.toLowerCase()}.`))] as const,
);

export function DashboardBuilder({ value, onChange }: BuilderProps<DashboardConfig>) {
  const widgets = asList(value.widgets);
  const keys = useStableKeys(widgets.length);
  const name = (i: number) => `widget ${widgets[i]?.title || i + 1}`;
  const setWidgets = (next: Widget[]) => onChange({ ...value, widgets: next });
  const move = (from: number, to: number) => {
    keys.move(from, to);
    setWidgets(moveItem(widgets, from, to));
  };
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="dash-basics">
        <h2 id="dash-basics" className="builder-section-title">
          Dashboard
        </h2>
        <TextControl
          path="title"
          label="Title"
          value={value.title}
          onChange={(title) => onChange({ ...value, title: title ?? "" })}
        />
      </section>
      <section className="builder-section" aria-labelledby="dash-widgets">
        <h2 id="dash-widgets" className="builder-section-title">
          Widgets <span className="count">{widgets.length}</span>
        </h2>
        <GroupControl path="widgets" legend="Widgets, in order">
          <SortableList ids={keys.keys} label="Widgets" itemLabel={name} onMove={move}>
            {(_id, i, handle) => (
              <div className="card-row">
                <DragHandle handle={handle} name={name(i)} />
                <WidgetEditor
                  widget={widgets[i]!}
                  path={childPath("widgets", i)}
                  onChange={(w) => setWidgets(replaceAt(widgets, i, w))}
                />
                <ItemButtons
                  index={i}
                  count={widgets.length}
                  name={name(i)}
                  onMove={move}
                  onRemove={() => {
                    keys.remove(i);
                    setWidgets(removeAt(widgets, i));
                  }}
                />
              </div>
            )}
          </SortableList>
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() => setWidgets([...widgets, { type: "metric", title: "Open cases", metric: "cases.open" }])}
            >
              Add widget
            </button>
          </div>
        </GroupControl>
      </section>
    </div>
  );
}

function WidgetEditor({ widget, path, onChange }: { widget: Widget; path: string; onChange: (w: Widget) => void }) {
  const { snapshot } = useItemContext();
  const at = (k: string) => childPath(path, k);
  const set = (changes: Partial<Widget>) => onChange(patch(widget, changes));
  const views = widget.entity ? itemKeys(snapshot, "view", widget.entity) : [];
  return (
    <div className="inline-grid">
      <SelectControl
        path={at("type")}
        label="Type"
        value={widget.type}
        onChange={(type) => set({ type: type as Widget["type"] })}
      >
        {WIDGET_TYPES.map((t) => (
          <option key={t} value={t}>
            {TYPE_LABELS[t]}
          </option>
        ))}
      </SelectControl>
      <TextControl
        path={at("title")}
        label="Title"
        value={widget.title}
        onChange={(title) => set({ title: title ?? "" })}
      />
      <SelectControl path={at("metric")} label="Metric" value={widget.metric} onChange={(metric) => set({ metric })}>
        {METRIC_GROUPS.map(([group, metrics]) => (
          <optgroup key={group} label={group}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </optgroup>
        ))}
        {widget.metric && !(DASHBOARD_METRICS as readonly string[]).includes(widget.metric) && (
          <option value={widget.metric}>{widget.metric}</option>
        )}
      </SelectControl>
      <SelectControl
        path={at("entity")}
        label="Entity"
        value={widget.entity ?? ""}
        onChange={(entity) => set({ entity: entity || undefined, view: entity ? widget.view : undefined })}
      >
        <option value="">None</option>
        {entityNames(snapshot).map((e) => (
          <option key={e} value={e}>
            {e}
          </option>
        ))}
      </SelectControl>
      <SelectControl
        path={at("view")}
        label="View"
        value={widget.view ?? ""}
        disabled={!widget.entity}
        onChange={(view) => set({ view: view || undefined })}
      >
        <option value="">None</option>
        {views.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
        {widget.view && !views.includes(widget.view) && <option value={widget.view}>{widget.view}</option>}
      </SelectControl>
    </div>
  );
}
