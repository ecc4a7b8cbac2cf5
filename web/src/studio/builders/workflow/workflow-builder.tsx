// workflow/<entity>/<key>: steps (ordered), transitions between them, the initial step.
import type { WorkflowConfig } from "@shared/config/workflow";
import { CheckboxControl, SelectControl } from "../../controls/studio-field";
import { asList, patch } from "../../patch";
import type { BuilderProps } from "../builder-props";
import { StepsEditor } from "./steps-editor";
import { TransitionsEditor } from "./transitions-editor";

export function WorkflowBuilder({ value, onChange }: BuilderProps<WorkflowConfig>) {
  const keys = asList(value.steps).map((s) => s.key);
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="wf-basics">
        <h2 id="wf-basics" className="builder-section-title">
          Workflow
        </h2>
        <div className="form-grid">
          <SelectControl
            path="initial"
            label="Initial step"
            value={value.initial}
            onChange={(initial) => onChange({ ...value, initial })}
            hint="The status of a new record."
          >
            {!keys.includes(value.initial) && <option value={value.initial ?? ""}>{value.initial || "Choose…"}</option>}
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </SelectControl>
          <CheckboxControl
            path="allowAnyToAny"
            label="Allow any step to any other"
            checked={value.allowAnyToAny === true}
            hint="On: the transitions below only add role limits and conditions."
            onChange={(on) => onChange(patch(value, { allowAnyToAny: on || undefined }))}
          />
        </div>
      </section>
      <StepsEditor workflow={value} onChange={onChange} />
      <TransitionsEditor workflow={value} onChange={onChange} />
    </div>
  );
}
