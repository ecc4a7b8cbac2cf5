// One comparison: field, operator, and a value input that suits both (none for isEmpty).
import type { ConditionLeaf, ConditionOp } from "@shared/config/condition";
import { ControlErrors, useControl } from "../errors/errors-context";
import { ListInput, ScalarInput, VALUE_TOKENS } from "../controls/value-input";
import { childPath } from "../paths";
import type { FieldInfo } from "../snapshot-queries";
import { OP_LABELS, takesList, takesValue, visibleOps, withField, withOp } from "./model";

interface LeafEditorProps {
  value: ConditionLeaf;
  onChange: (value: ConditionLeaf) => void;
  path: string;
  fields: FieldInfo[];
  allowTriggerOps: boolean;
}

export function LeafEditor({ value, onChange, path, fields, allowTriggerOps }: LeafEditorProps) {
  const fieldCtl = useControl(childPath(path, "field"));
  const opCtl = useControl(childPath(path, "op"));
  const valueCtl = useControl(childPath(path, "value"), { deep: true });
  const field = fields.find((f) => f.name === value.field);
  const op = value.op;
  const { value: current, ...rest } = value;

  const setValue = (next: unknown) => onChange(next === undefined ? rest : ({ ...rest, value: next } as ConditionLeaf));

  return (
    <div className="condition-leaf">
      <div className="condition-leaf-controls">
        <select
          className="input"
          aria-label="Field"
          {...fieldCtl.a11y}
          value={value.field ?? ""}
          onChange={(e) => onChange(withField(value, e.target.value))}
        >
          {!field && (
            <option value={value.field ?? ""}>{value.field ? `${value.field} (unknown)` : "Choose a field…"}</option>
          )}
          <optgroup label="Form fields">
            {fields
              .filter((f) => !f.system)
              .map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
          </optgroup>
          <optgroup label="Record">
            {fields
              .filter((f) => f.system)
              .map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
          </optgroup>
        </select>
        <select
          className="input"
          aria-label="Operator"
          {...opCtl.a11y}
          value={op ?? ""}
          onChange={(e) => onChange(withOp(value, e.target.value as ConditionOp))}
        >
          {visibleOps(allowTriggerOps, op).map((o) => (
            <option key={o} value={o}>
              {OP_LABELS[o]}
            </option>
          ))}
        </select>
        {op &&
          takesValue(op) &&
          (takesList(op) ? (
            <ListInput field={field} value={current} onChange={setValue} a11y={valueCtl.a11y} label="Values" />
          ) : (
            <ScalarInput
              field={field}
              value={current}
              onChange={setValue}
              a11y={valueCtl.a11y}
              label="Value"
              tokens={VALUE_TOKENS}
            />
          ))}
      </div>
      <ControlErrors id={fieldCtl.errorId} errors={fieldCtl.errors} />
      <ControlErrors id={opCtl.errorId} errors={opCtl.errors} />
      <ControlErrors id={valueCtl.errorId} errors={valueCtl.errors} />
    </div>
  );
}
