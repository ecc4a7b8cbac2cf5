// The visual condition editor, reused wherever config.md takes a condition: view filters,
// form visibleWhen / requiredWhen, triggers, SLA, approvals, routing, transitions.
import type { Condition } from "@shared/config/condition";
import { useItemContext } from "../item-context";
import { conditionFields, itemKeys, type FieldInfo } from "../snapshot-queries";
import { ConditionNode } from "./condition-node";
import { defaultLeaf } from "./model";
import { childPath, controlId } from "../paths";

export interface ConditionBuilderProps {
  value: Condition;
  onChange: (value: Condition) => void;
  /** Path of the condition inside the item, e.g. `filter` or `fields[2].visibleWhen`. */
  path: string;
  label: string;
  /** Defaults: the item's entity's fields and named conditions. */
  fields?: FieldInfo[];
  refs?: string[];
  /** `changed` / `changedTo`: only in a trigger's `when`. */
  allowTriggerOps?: boolean;
}

export function ConditionBuilder({
  value,
  onChange,
  path,
  label,
  fields,
  refs,
  allowTriggerOps = false,
}: ConditionBuilderProps) {
  const { snapshot, entity, namespace, key } = useItemContext();
  const ctx = {
    fields: fields ?? conditionFields(snapshot, entity),
    // A named condition may not refer to itself.
    refs: refs ?? itemKeys(snapshot, "condition", entity).filter((k) => !(namespace === "condition" && k === key)),
    allowTriggerOps,
  };
  return (
    <fieldset className="condition-builder">
      <legend className="condition-legend">{label}</legend>
      <ConditionNode value={value} onChange={onChange} path={path} ctx={ctx} />
    </fieldset>
  );
}

/** An optional condition: absent until added, removable. */
export function OptionalCondition({
  value,
  onChange,
  hint,
  ...props
}: Omit<ConditionBuilderProps, "value" | "onChange"> & {
  value: Condition | undefined;
  onChange: (value: Condition | undefined) => void;
  hint?: string;
}) {
  const { snapshot, entity } = useItemContext();
  // Keep focus with the user: on the new condition's field, or back on "Add condition".
  const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const addId = `${controlId(props.path)}-add`;
  if (value === undefined) {
    return (
      <div className="optional-condition optional-condition-empty">
        <span className="field-label">{props.label}</span>
        {hint && <span className="field-hint">{hint}</span>}
        <div>
          <button
            type="button"
            id={addId}
            className="button button-small"
            onClick={() => {
              onChange(defaultLeaf(props.fields ?? conditionFields(snapshot, entity)));
              focusSoon(controlId(childPath(props.path, "field")));
            }}
          >
            Add condition
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="optional-condition">
      <ConditionBuilder value={value} onChange={onChange} {...props} />
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            onChange(undefined);
            focusSoon(addId);
          }}
        >
          Remove {props.label.toLowerCase()}
        </button>
      </div>
    </div>
  );
}
