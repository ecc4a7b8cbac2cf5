// Allowed moves between steps, optionally limited to roles and to records matching a condition.
import type { WorkflowConfig } from "@shared/config/workflow";
import { OptionalCondition } from "../../condition-builder/condition-builder";
import { RolesControl } from "../../controls/role-controls";
import { ItemButtons } from "../../controls/sortable-list";
import { SelectControl } from "../../controls/studio-field";
import { asList, patch, removeAt, replaceAt } from "../../patch";
import { childPath } from "../../paths";
import type { Transition } from "./workflow-model";

export function TransitionsEditor({
  workflow,
  onChange,
}: {
  workflow: WorkflowConfig;
  onChange: (wf: WorkflowConfig) => void;
}) {
  const transitions = asList(workflow.transitions);
  const keys = asList(workflow.steps).map((s) => s.key);
  const set = (next: Transition[]) => onChange({ ...workflow, transitions: next });
  const add = () => set([...transitions, { from: keys[0] ?? "", to: keys[1] ?? keys[0] ?? "" }]);
  return (
    <section className="builder-section" aria-labelledby="wf-transitions">
      <h2 id="wf-transitions" className="builder-section-title">
        Transitions <span className="count">{transitions.length}</span>
      </h2>
      {transitions.length === 0 && <p className="muted">No transitions yet.</p>}
      <ol className="plain-list transitions">
        {transitions.map((t, i) => {
          const path = childPath("transitions", i);
          const update = (changes: Partial<Transition>) => set(replaceAt(transitions, i, patch(t, changes)));
          return (
            <li key={i} className="transition-item">
              <div className="row row-end">
                <StepSelect
                  path={childPath(path, "from")}
                  label="From"
                  value={t.from}
                  keys={keys}
                  onChange={(from) => update({ from })}
                />
                <span aria-hidden="true">→</span>
                <StepSelect
                  path={childPath(path, "to")}
                  label="To"
                  value={t.to}
                  keys={keys}
                  onChange={(to) => update({ to })}
                />
                <RolesControl
                  path={childPath(path, "roles")}
                  legend="Roles allowed (none: all who may edit)"
                  value={t.roles}
                  onChange={(roles) => update({ roles })}
                />
                <span className="push-right">
                  <ItemButtons
                    index={i}
                    count={transitions.length}
                    name={`transition ${t.from} to ${t.to}`}
                    onRemove={() => set(removeAt(transitions, i))}
                  />
                </span>
              </div>
              <OptionalCondition
                path={childPath(path, "when")}
                label="Only when"
                value={t.when}
                onChange={(when) => update({ when })}
              />
            </li>
          );
        })}
      </ol>
      <div>
        <button type="button" className="button button-small" onClick={add} disabled={keys.length === 0}>
          Add transition
        </button>
      </div>
    </section>
  );
}

function StepSelect({
  path,
  label,
  value,
  keys,
  onChange,
}: {
  path: string;
  label: string;
  value: string;
  keys: string[];
  onChange: (v: string) => void;
}) {
  return (
    <SelectControl path={path} label={label} value={value} onChange={onChange}>
      {!keys.includes(value) && <option value={value}>{value || "Choose…"}</option>}
      {keys.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </SelectControl>
  );
}
