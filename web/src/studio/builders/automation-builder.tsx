// automation/<entity>/<key>: a trigger, optional conditions (all must hold), ordered actions.
import { Link } from "react-router";
import type { AutomationConfig } from "@shared/config/automation";
import { KeyListControl } from "../controls/key-list-control";
import { CheckboxControl, SelectControl, TextareaControl } from "../controls/studio-field";
import { useItemContext } from "../item-context";
import { patch } from "../patch";
import { itemUrl } from "../paths";
import { itemKeys } from "../snapshot-queries";
import type { BuilderProps } from "./builder-props";

export function AutomationBuilder({ value, onChange }: BuilderProps<AutomationConfig>) {
  const { snapshot, entity } = useItemContext();
  const triggers = itemKeys(snapshot, "trigger", entity);
  const url = (namespace: string) => (key: string) => itemUrl({ namespace, entity, key });
  const set = (changes: Partial<AutomationConfig>) => onChange(patch(value, changes));
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="auto-basics">
        <h2 id="auto-basics" className="builder-section-title">
          Automation
        </h2>
        <div className="form-grid">
          <CheckboxControl
            path="enabled"
            label="Enabled"
            checked={value.enabled !== false}
            onChange={(on) => set({ enabled: on })}
          />
          <TextareaControl
            path="description"
            label="Description"
            optional
            className="form-wide"
            value={value.description}
            onChange={(description) => set({ description })}
          />
        </div>
      </section>
      <section className="builder-section" aria-labelledby="auto-steps">
        <h2 id="auto-steps" className="builder-section-title">
          1. Trigger
        </h2>
        <SelectControl
          path="trigger"
          label="Trigger"
          value={value.trigger}
          onChange={(trigger) => set({ trigger })}
          hint={triggers.length === 0 ? "This entity has no triggers yet." : undefined}
        >
          {!triggers.includes(value.trigger) && (
            <option value={value.trigger ?? ""}>{value.trigger || "Choose a trigger…"}</option>
          )}
          {triggers.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectControl>
        <p className="row">
          {value.trigger && triggers.includes(value.trigger) && (
            <Link to={itemUrl({ namespace: "trigger", entity, key: value.trigger })}>Open trigger</Link>
          )}
          <Link to={`/studio/new?namespace=trigger&entity=${entity}`}>New trigger</Link>
        </p>
        <h2 className="builder-section-title">2. Conditions</h2>
        <KeyListControl
          path="conditions"
          legend="All of these named conditions must hold"
          ordered={false}
          value={value.conditions}
          choices={itemKeys(snapshot, "condition", entity)}
          itemUrl={url("condition")}
          onChange={(conditions) => set({ conditions })}
        />
        <h2 className="builder-section-title">3. Actions</h2>
        <KeyListControl
          path="actions"
          legend="Actions, run in this order"
          value={value.actions}
          choices={itemKeys(snapshot, "action", entity)}
          itemUrl={url("action")}
          onChange={(actions) => onChange({ ...value, actions: actions ?? [] })}
        />
        <p>
          <Link to={`/studio/new?namespace=action&entity=${entity}`}>New action</Link>
        </p>
      </section>
    </div>
  );
}
