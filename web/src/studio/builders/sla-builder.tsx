// sla/<entity>/<key>: which records, on which calendar, which targets, when to warn and escalate.
import type { SlaConfig } from "@shared/config/sla";
import { ConditionBuilder, OptionalCondition } from "../condition-builder/condition-builder";
import { KeyListControl } from "../controls/key-list-control";
import { NumberListControl } from "../controls/list-controls";
import { ItemButtons } from "../controls/sortable-list";
import { NumberControl, SelectControl, TextControl } from "../controls/studio-field";
import { GroupControl } from "../controls/group-control";
import { useItemContext } from "../item-context";
import { asList, patch, removeAt, replaceAt, uniqueName } from "../patch";
import { childPath, itemUrl } from "../paths";
import { itemKeys } from "../snapshot-queries";
import type { BuilderProps } from "./builder-props";

type Target = SlaConfig["targets"][number];

export function SlaBuilder({ value, onChange }: BuilderProps<SlaConfig>) {
  const { snapshot, entity } = useItemContext();
  const set = (changes: Partial<SlaConfig>) => onChange(patch(value, changes));
  const calendars = itemKeys(snapshot, "calendar", "tenant");
  const actions = itemKeys(snapshot, "action", entity);
  const url = (key: string) => itemUrl({ namespace: "action", entity, key });
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="sla-basics">
        <h2 id="sla-basics" className="builder-section-title">
          Service level
        </h2>
        <SelectControl
          path="calendar"
          label="Working hours"
          value={value.calendar ?? ""}
          onChange={(c) => set({ calendar: c || undefined })}
          hint="Timers count only working time of this calendar."
        >
          <option value="">Around the clock (24×7)</option>
          {value.calendar && !calendars.includes(value.calendar) && (
            <option value={value.calendar}>{value.calendar}</option>
          )}
          {calendars.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectControl>
        <OptionalCondition
          path="when"
          label="Applies when"
          hint="Absent: every record."
          value={value.when}
          onChange={(when) => set({ when })}
        />
        <OptionalCondition
          path="pauseWhen"
          label="Paused while"
          value={value.pauseWhen}
          onChange={(pauseWhen) => set({ pauseWhen })}
        />
      </section>
      <TargetsEditor targets={asList(value.targets)} onChange={(targets) => onChange({ ...value, targets })} />
      <section className="builder-section" aria-labelledby="sla-escalation">
        <h2 id="sla-escalation" className="builder-section-title">
          Warnings and breaches
        </h2>
        <NumberListControl
          path="warnAtPercent"
          legend="Warn at (% of the target elapsed)"
          newItem={75}
          min={1}
          max={99}
          value={value.warnAtPercent}
          onChange={(warnAtPercent) => set({ warnAtPercent })}
          addLabel="Add warning"
        />
        <KeyListControl
          path="onWarning"
          legend="On a warning, run"
          value={value.onWarning}
          choices={actions}
          itemUrl={url}
          onChange={(onWarning) => set({ onWarning })}
        />
        <KeyListControl
          path="onBreach"
          legend="On a breach, run"
          value={value.onBreach}
          choices={actions}
          itemUrl={url}
          onChange={(onBreach) => set({ onBreach })}
        />
      </section>
    </div>
  );
}

function TargetsEditor({ targets, onChange }: { targets: Target[]; onChange: (t: Target[]) => void }) {
  const add = () =>
    onChange([
      ...targets,
      {
        metric: uniqueName(
          "resolution",
          targets.map((t) => t.metric),
        ),
        minutes: 480,
        stopWhen: { field: "status", op: "isNotEmpty" },
      },
    ]);
  return (
    <section className="builder-section" aria-labelledby="sla-targets">
      <h2 id="sla-targets" className="builder-section-title">
        Targets <span className="count">{targets.length}</span>
      </h2>
      <GroupControl path="targets" legend="Targets">
        {targets.map((t, i) => {
          const path = childPath("targets", i);
          const update = (changes: Partial<Target>) => onChange(replaceAt(targets, i, patch(t, changes)));
          return (
            <div key={i} className="card">
              <div className="row">
                <TextControl
                  path={childPath(path, "metric")}
                  label="Metric"
                  value={t.metric}
                  hint="e.g. first_response, resolution"
                  onChange={(metric) => update({ metric: metric ?? "" })}
                />
                <NumberControl
                  path={childPath(path, "minutes")}
                  label="Minutes"
                  min={0}
                  step="any"
                  value={t.minutes}
                  hint={Number.isFinite(t.minutes) ? formatMinutes(t.minutes) : undefined}
                  onChange={(minutes) => update({ minutes: minutes ?? Number.NaN })}
                />
                <ItemButtons
                  index={i}
                  count={targets.length}
                  name={`target ${t.metric || i + 1}`}
                  onRemove={() => onChange(removeAt(targets, i))}
                />
              </div>
              <ConditionBuilder
                path={childPath(path, "stopWhen")}
                label="Met when"
                value={t.stopWhen}
                onChange={(stopWhen) => update({ stopWhen })}
              />
            </div>
          );
        })}
        <div>
          <button type="button" className="button button-small" onClick={add}>
            Add target
          </button>
        </div>
      </GroupControl>
    </section>
  );
}

/** 480 → "8 h of working time" */
function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min of working time`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return `${hours} h${rest ? ` ${rest} min` : ""} of working time`;
}
