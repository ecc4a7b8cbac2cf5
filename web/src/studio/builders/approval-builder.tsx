// approval/<entity>/<key>: which records are held, who approves in which steps, what follows.
import type { ApprovalConfig } from "@shared/config/approval";
import { OptionalCondition } from "../condition-builder/condition-builder";
import { DurationControl } from "../controls/duration-control";
import { KeyListControl } from "../controls/key-list-control";
import { ItemButtons } from "../controls/sortable-list";
import { SelectControl, TextControl } from "../controls/studio-field";
import { WhoControl, type Who } from "../controls/who-control";
import { GroupControl } from "../controls/group-control";
import { useItemContext } from "../item-context";
import { asList, moveItem, patch, removeAt, replaceAt } from "../patch";
import { childPath, itemUrl } from "../paths";
import { itemKeys } from "../snapshot-queries";
import type { BuilderProps } from "./builder-props";

type Step = ApprovalConfig["steps"][number];

export function ApprovalBuilder({ value, onChange }: BuilderProps<ApprovalConfig>) {
  const { snapshot, entity } = useItemContext();
  const steps = asList(value.steps);
  const actions = itemKeys(snapshot, "action", entity);
  const url = (key: string) => itemUrl({ namespace: "action", entity, key });
  const setSteps = (next: Step[]) => onChange({ ...value, steps: next });
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="approval-when">
        <h2 id="approval-when" className="builder-section-title">
          Approval
        </h2>
        <OptionalCondition
          path="when"
          label="Hold records when"
          hint="Checked on create and update; absent: every record."
          value={value.when}
          onChange={(when) => onChange(patch(value, { when }))}
        />
      </section>
      <section className="builder-section" aria-labelledby="approval-steps">
        <h2 id="approval-steps" className="builder-section-title">
          Steps <span className="count">{steps.length}</span>
        </h2>
        <GroupControl path="steps" legend="Steps, in order">
          {steps.map((step, i) => {
            const path = childPath("steps", i);
            const update = (changes: Partial<Step>) => setSteps(replaceAt(steps, i, patch(step, changes)));
            return (
              <div key={i} className="card">
                <div className="row">
                  <TextControl
                    path={childPath(path, "name")}
                    label={`Step ${i + 1} name`}
                    value={step.name}
                    onChange={(name) => update({ name: name ?? "" })}
                  />
                  <SelectControl
                    path={childPath(path, "mode")}
                    label="Decided by"
                    value={step.mode}
                    onChange={(mode) => update({ mode: mode as Step["mode"] })}
                  >
                    <option value="any">Any one approver</option>
                    <option value="all">Every approver</option>
                  </SelectControl>
                  <DurationControl
                    path={childPath(path, "dueIn")}
                    label="Due in"
                    value={step.dueIn}
                    onChange={(dueIn) => update({ dueIn })}
                  />
                  <ItemButtons
                    index={i}
                    count={steps.length}
                    name={`step ${step.name || i + 1}`}
                    onMove={(from, to) => setSteps(moveItem(steps, from, to))}
                    onRemove={() => setSteps(removeAt(steps, i))}
                  />
                </div>
                <WhoControl
                  path={childPath(path, "approvers")}
                  legend="Approvers"
                  value={step.approvers as Who}
                  onChange={(approvers) => update({ approvers: approvers as Step["approvers"] })}
                />
              </div>
            );
          })}
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                setSteps([...steps, { name: `Step ${steps.length + 1}`, approvers: { role: "manager" }, mode: "any" }])
              }
            >
              Add step
            </button>
          </div>
        </GroupControl>
      </section>
      <section className="builder-section" aria-labelledby="approval-outcome">
        <h2 id="approval-outcome" className="builder-section-title">
          Afterwards
        </h2>
        <KeyListControl
          path="onApprove"
          legend="When approved, run"
          value={value.onApprove}
          choices={actions}
          itemUrl={url}
          onChange={(onApprove) => onChange(patch(value, { onApprove }))}
        />
        <KeyListControl
          path="onReject"
          legend="When rejected, run"
          value={value.onReject}
          choices={actions}
          itemUrl={url}
          onChange={(onReject) => onChange(patch(value, { onReject }))}
        />
      </section>
    </div>
  );
}
