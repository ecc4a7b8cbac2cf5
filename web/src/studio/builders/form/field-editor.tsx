// Every setting of one form field; which ones show depends on the field's type.
import {
  FORMULA_RESULT_TYPES,
  type FormFieldType,
  NUMERIC_FIELD_TYPES,
  ROLLUP_RESULT_TYPES,
  STRING_FIELD_TYPES,
  isComputedType,
} from "@shared/config/field-types";
import { ROLLUP_OPS, type FormField, type RollupConfig } from "@shared/config/form";
import { FUNCTION_NAMES } from "@shared/formula";
import type { Role } from "@shared/roles";
import { OptionalCondition } from "../../condition-builder/condition-builder";
import { RoleSelectControl } from "../../controls/role-controls";
import {
  CheckboxControl,
  NumberControl,
  SelectControl,
  TextareaControl,
  TextControl,
} from "../../controls/studio-field";
import { useItemContext } from "../../item-context";
import { patch } from "../../patch";
import { childPath } from "../../paths";
import { entityNames } from "../../snapshot-queries";
import { DefaultValueControl } from "./default-value-control";
import { BUILDER_FIELD_TYPES, changeFieldType, FIELD_TYPE_LABELS, hasOptions } from "./form-model";
import { OptionsEditor } from "./options-editor";

export function FieldEditor({
  field,
  path,
  onChange,
}: {
  field: FormField;
  path: string;
  onChange: (field: FormField) => void;
}) {
  const { snapshot } = useItemContext();
  const at = (key: string) => childPath(path, key);
  const set = (changes: Partial<FormField>) => onChange(patch(field, changes));
  const type = field.type;
  const computed = isComputedType(type);
  const setAccess = (key: "read" | "write", role: Role | undefined) => {
    const access = patch(field.access ?? {}, { [key]: role });
    set({ access: Object.keys(access).length ? access : undefined });
  };

  return (
    <div className="field-editor">
      <div className="form-grid">
        <TextControl
          path={at("name")}
          label="Name"
          value={field.name}
          onChange={(name) => set({ name: name ?? "" })}
          hint="Letters, digits and _; used in views, conditions and {{record.name}} templates."
        />
        <TextControl
          path={at("label")}
          label="Label"
          value={field.label}
          onChange={(label) => set({ label: label ?? "" })}
        />
        <SelectControl
          path={at("type")}
          label="Type"
          value={type}
          onChange={(t) => onChange(changeFieldType(field, t as FormFieldType, entityNames(snapshot)))}
        >
          {BUILDER_FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {FIELD_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectControl>
        {!computed && (
          <TextControl
            path={at("placeholder")}
            label="Placeholder"
            optional
            value={field.placeholder}
            onChange={(placeholder) => set({ placeholder })}
          />
        )}
        <TextControl
          path={at("help")}
          label="Help text"
          optional
          className="form-wide"
          value={field.help}
          onChange={(help) => set({ help })}
        />
      </div>

      {type === "formula" && <FormulaSettings field={field} at={at} set={set} />}
      {type === "rollup" && <RollupSettings field={field} at={at} set={set} entities={entityNames(snapshot)} />}

      {!computed && (
        <div className="check-row">
          <CheckboxControl
            path={at("required")}
            label="Required"
            checked={field.required === true}
            onChange={(on) => set({ required: on || undefined })}
          />
          <CheckboxControl
            path={at("unique")}
            label="Unique"
            checked={field.unique === true}
            onChange={(on) => set({ unique: on || undefined })}
          />
          <CheckboxControl
            path={at("readOnly")}
            label="Read-only"
            checked={field.readOnly === true}
            onChange={(on) => set({ readOnly: on || undefined })}
          />
        </div>
      )}

      <div className="form-grid">
        {!computed && NUMERIC_FIELD_TYPES[type] && (
          <>
            <NumberControl path={at("min")} label="Minimum" value={field.min} onChange={(min) => set({ min })} />
            <NumberControl path={at("max")} label="Maximum" value={field.max} onChange={(max) => set({ max })} />
          </>
        )}
        {!computed && STRING_FIELD_TYPES[type] && (
          <>
            <NumberControl
              path={at("minLength")}
              label="Minimum length"
              min={0}
              step={1}
              value={field.minLength}
              onChange={(minLength) => set({ minLength })}
            />
            <NumberControl
              path={at("maxLength")}
              label="Maximum length"
              min={1}
              step={1}
              value={field.maxLength}
              onChange={(maxLength) => set({ maxLength })}
            />
            <TextControl
              path={at("pattern")}
              label="Pattern (regular expression)"
              optional
              value={field.pattern}
              onChange={(pattern) => set({ pattern })}
            />
          </>
        )}
        {type === "reference" && (
          <SelectControl
            path={at("entity")}
            label="Refers to entity"
            value={field.entity}
            onChange={(entity) => set({ entity })}
          >
            {!entityNames(snapshot).includes(field.entity ?? "") && (
              <option value={field.entity ?? ""}>{field.entity || "Choose…"}</option>
            )}
            {entityNames(snapshot).map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </SelectControl>
        )}
        {!computed && (
          <DefaultValueControl field={field} path={at("default")} onChange={(value) => set({ default: value })} />
        )}
        <RoleSelectControl
          path={at("access.read")}
          label="Lowest role that can read"
          value={field.access?.read}
          onChange={(r) => setAccess("read", r)}
        />
        {!computed && (
          <RoleSelectControl
            path={at("access.write")}
            label="Lowest role that can write"
            value={field.access?.write}
            onChange={(r) => setAccess("write", r)}
          />
        )}
      </div>

      {hasOptions(type) && (
        <OptionsEditor path={at("options")} options={field.options} onChange={(options) => set({ options })} />
      )}

      <OptionalCondition
        path={at("visibleWhen")}
        label="Visible when"
        hint="Absent: always visible."
        value={field.visibleWhen}
        onChange={(visibleWhen) => set({ visibleWhen })}
      />
      {!computed && (
        <OptionalCondition
          path={at("requiredWhen")}
          label="Required when"
          hint="Absent: follows the Required checkbox."
          value={field.requiredWhen}
          onChange={(requiredWhen) => set({ requiredWhen })}
        />
      )}
    </div>
  );
}

type SettingsProps = { field: FormField; at: (key: string) => string; set: (changes: Partial<FormField>) => void };

const RESULT_LABELS: Record<string, string> = {
  text: "Text",
  number: "Number",
  currency: "Currency",
  percent: "Percent",
  date: "Date",
  datetime: "Date and time",
  boolean: "Yes / no",
};

// The expression and its type; errors (syntax, types, cycles) come from the shared validation at these paths.
function FormulaSettings({ field, at, set }: SettingsProps) {
  return (
    <div className="form-grid">
      <TextareaControl
        path={at("formula")}
        label="Formula"
        className="form-wide"
        rows={2}
        spellCheck={false}
        value={field.formula}
        onChange={(formula) => set({ formula: formula ?? "" })}
        hint={
          `Fields by name, numbers, "text", + - * /, = != < <= > >=, and/or/not; functions: ` +
          `${FUNCTION_NAMES.join(", ")}.`
        }
      />
      <SelectControl
        path={at("resultType")}
        label="Result type"
        value={field.resultType}
        onChange={(resultType) => set({ resultType: resultType as FormField["resultType"] })}
      >
        {FORMULA_RESULT_TYPES.map((t) => (
          <option key={t} value={t}>
            {RESULT_LABELS[t]}
          </option>
        ))}
      </SelectControl>
    </div>
  );
}

function RollupSettings({ field, at, set, entities }: SettingsProps & { entities: string[] }) {
  const rollup: RollupConfig = field.rollup ?? { entity: entities[0] ?? "", via: "", op: "count" };
  const put = (changes: Partial<RollupConfig>) => set({ rollup: patch(rollup, changes) });
  return (
    <div className="form-grid">
      <SelectControl
        path={at("rollup.entity")}
        label="Related entity"
        value={rollup.entity}
        onChange={(entity) => put({ entity })}
      >
        {!entities.includes(rollup.entity) && <option value={rollup.entity}>{rollup.entity || "Choose…"}</option>}
        {entities.map((e) => (
          <option key={e} value={e}>
            {e}
          </option>
        ))}
      </SelectControl>
      <TextControl
        path={at("rollup.via")}
        label="Through its reference field"
        value={rollup.via}
        onChange={(via) => put({ via: via ?? "" })}
        hint="The related entity's reference field that points at this entity."
      />
      <SelectControl
        path={at("rollup.op")}
        label="Aggregate"
        value={rollup.op}
        onChange={(op) => put({ op: op as RollupConfig["op"], field: op === "count" ? undefined : rollup.field })}
      >
        {ROLLUP_OPS.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </SelectControl>
      {rollup.op !== "count" && (
        <TextControl
          path={at("rollup.field")}
          label="Of the number field"
          value={rollup.field}
          onChange={(f) => put({ field: f || undefined })}
        />
      )}
      <SelectControl
        path={at("resultType")}
        label="Shown as"
        value={field.resultType ?? "number"}
        onChange={(resultType) =>
          set({ resultType: resultType === "number" ? undefined : (resultType as FormField["resultType"]) })
        }
      >
        {ROLLUP_RESULT_TYPES.map((t) => (
          <option key={t} value={t}>
            {RESULT_LABELS[t]}
          </option>
        ))}
      </SelectControl>
    </div>
  );
}
