// Workflow steps in order (the order of kanban lanes and pickers).
import { STEP_CATEGORIES, type WorkflowConfig } from "@shared/config/workflow";
import { DragHandle, ItemButtons, SortableList } from "../../controls/sortable-list";
import { NumberControl, SelectControl, TextControl } from "../../controls/studio-field";
import { useStableKeys } from "../../controls/use-stable-keys";
import { GroupControl } from "../../controls/group-control";
import { asList, moveItem, patch, uniqueName } from "../../patch";
import { childPath } from "../../paths";
import { removeStep, type Step, updateStep } from "./workflow-model";

export function StepsEditor({
  workflow,
  onChange,
}: {
  workflow: WorkflowConfig;
  onChange: (wf: WorkflowConfig) => void;
}) {
  const steps = asList(workflow.steps);
  const keys = useStableKeys(steps.length);
  const name = (i: number) => `step ${steps[i]?.label || steps[i]?.key || i + 1}`;
  const move = (from: number, to: number) => {
    keys.move(from, to);
    onChange({ ...workflow, steps: moveItem(steps, from, to) });
  };
  const add = () => {
    const key = uniqueName(
      `step_${steps.length + 1}`,
      steps.map((s) => s.key),
    );
    onChange({ ...workflow, steps: [...steps, { key, label: `Step ${steps.length + 1}` }] });
  };
  return (
    <section className="builder-section" aria-labelledby="wf-steps">
      <h2 id="wf-steps" className="builder-section-title">
        Steps <span className="count">{steps.length}</span>
      </h2>
      <GroupControl path="steps" legend="Steps, in order">
        <SortableList ids={keys.keys} label="Steps" itemLabel={name} onMove={move}>
          {(_id, i, handle) => (
            <div className="card-row">
              <DragHandle handle={handle} name={name(i)} />
              <StepRow
                step={steps[i]!}
                path={childPath("steps", i)}
                onChange={(step) => onChange(updateStep(workflow, i, step))}
              />
              <ItemButtons
                index={i}
                count={steps.length}
                name={name(i)}
                onMove={move}
                onRemove={() => {
                  keys.remove(i);
                  onChange(removeStep(workflow, i));
                }}
              />
            </div>
          )}
        </SortableList>
        <div>
          <button type="button" className="button button-small" onClick={add}>
            Add step
          </button>
        </div>
      </GroupControl>
    </section>
  );
}

function StepRow({ step, path, onChange }: { step: Step; path: string; onChange: (s: Step) => void }) {
  const at = (k: string) => childPath(path, k);
  return (
    <div className="inline-grid">
      <TextControl
        path={at("key")}
        label="Key"
        value={step.key}
        onChange={(key) => onChange({ ...step, key: key ?? "" })}
      />
      <TextControl
        path={at("label")}
        label="Label"
        value={step.label}
        onChange={(label) => onChange({ ...step, label: label ?? "" })}
      />
      <NumberControl
        path={at("probability")}
        label="Probability %"
        min={0}
        max={100}
        value={step.probability}
        onChange={(probability) => onChange(patch(step, { probability }))}
      />
      <SelectControl
        path={at("category")}
        label="Category"
        value={step.category ?? ""}
        onChange={(c) => onChange(patch(step, { category: c === "" ? undefined : (c as Step["category"]) }))}
      >
        <option value="">Open (default)</option>
        {STEP_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectControl>
    </div>
  );
}
