// Every setting of one form field; which ones show depends on the field's type.
import { FIELD_TYPES, type FieldType, NUMERIC_FIELD_TYPES, STRING_FIELD_TYPES } from "@shared/config/field-types";
import type { FormField } from "@shared/config/form";
import type { Role } from "@shared/roles";
import { OptionalCondition } from "../../condition-builder/condition-builder";
import { RoleSelectControl } from "../../controls/role-controls";
import { CheckboxControl, NumberControl, SelectControl, TextControl } from "../../controls/studio-field";
import { useItemContext } from "../../item-context";
import { patch } from "../../patch";
import { childPath } from "../../paths";
import { entityNames } from "../../snapshot-queries";
import { DefaultValueControl } from "./default-value-control";
import { changeFieldType, FIELD_TYPE_LABELS, hasOptions } from "./form-model";
import { OptionsEditor } from "./options-editor";

export function FieldEditor({ field, path, onChange }: { field: FormField; path: string; onChange: (field: FormField) => void }) {
  const { snapshot } = useItemContext();
  const at = (key: string) => childPath(path, key);
  const set = (changes: Partial<FormField>) => onChange(patch(field, changes));
  const type = field.type;
  const setAccess = (key: "read" | "write", role: Role | undefined) => {
    const access = patch(field.access ?? {}, { [key]: role });
    set({ access: Object.keys(access).length ? access : undefined });
  };

  return (
    <div className="field-editor">
      <div className="form-grid">
        <TextControl path={at("name")} label="Name" value={field.name} onChange={(name) => set({ name: name ?? "" })}
          hint="Letters, digits and _; used in views, conditions and {{record.name}} templates." />
        <TextControl path={at("label")} label="Label" value={field.label} onChange={(label) => set({ label: label ?? "" })} />
        <SelectControl path={at("type")} label="Type" value={type} onChange={(t) => onChange(changeFieldType(field, t as FieldType))}>
          {FIELD_TYPES.map((t) => <option key={t} value={t}>{FIELD_TYPE_LABELS[t]}</option>)}
        </SelectControl>
        <TextControl path={at("placeholder")} label="Placeholder" optional value={field.placeholder} onChange={(placeholder) => set({ placeholder })} />
        <TextControl path={at("help")} label="Help text" optional className="form-wide" value={field.help} onChange={(help) => set({ help })} />
      </div>

      <div className="check-row">
        <CheckboxControl path={at("required")} label="Required" checked={field.required === true} onChange={(on) => set({ required: on || undefined })} />
        <CheckboxControl path={at("unique")} label="Unique" checked={field.unique === true} onChange={(on) => set({ unique: on || undefined })} />
        <CheckboxControl path={at("readOnly")} label="Read-only" checked={field.readOnly === true} onChange={(on) => set({ readOnly: on || undefined })} />
      </div>

      <div className="form-grid">
        {NUMERIC_FIELD_TYPES[type] && (
          <>
            <NumberControl path={at("min")} label="Minimum" value={field.min} onChange={(min) => set({ min })} />
            <NumberControl path={at("max")} label="Maximum" value={field.max} onChange={(max) => set({ max })} />
          </>
        )}
        {STRING_FIELD_TYPES[type] && (
          <>
            <NumberControl path={at("minLength")} label="Minimum length" min={0} step={1} value={field.minLength} onChange={(minLength) => set({ minLength })} />
            <NumberControl path={at("maxLength")} label="Maximum length" min={1} step={1} value={field.maxLength} onChange={(maxLength) => set({ maxLength })} />
            <TextControl path={at("pattern")} label="Pattern (regular expression)" optional value={field.pattern} onChange={(pattern) => set({ pattern })} />
          </>
        )}
        {type === "reference" && (
          <SelectControl path={at("entity")} label="Refers to entity" value={field.entity} onChange={(entity) => set({ entity })}>
            {!entityNames(snapshot).includes(field.entity ?? "") && <option value={field.entity ?? ""}>{field.entity || "Choose…"}</option>}
            {entityNames(snapshot).map((e) => <option key={e} value={e}>{e}</option>)}
          </SelectControl>
        )}
        <DefaultValueControl field={field} path={at("default")} onChange={(value) => set({ default: value })} />
        <RoleSelectControl path={at("access.read")} label="Lowest role that can read" value={field.access?.read} onChange={(r) => setAccess("read", r)} />
        <RoleSelectControl path={at("access.write")} label="Lowest role that can write" value={field.access?.write} onChange={(r) => setAccess("write", r)} />
      </div>

      {hasOptions(type) && <OptionsEditor path={at("options")} options={field.options} onChange={(options) => set({ options })} />}

      <OptionalCondition path={at("visibleWhen")} label="Visible when" hint="Absent: always visible."
        value={field.visibleWhen} onChange={(visibleWhen) => set({ visibleWhen })} />
      <OptionalCondition path={at("requiredWhen")} label="Required when" hint="Absent: follows the Required checkbox."
        value={field.requiredWhen} onChange={(requiredWhen) => set({ requiredWhen })} />
    </div>
  );
}
