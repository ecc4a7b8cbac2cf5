// Field → value pairs (update_record's `set`, create_record's `values`).
import type { JsonValue } from "@shared/config/common";
import { GroupControl } from "../../controls/group-control";
import { ItemButtons } from "../../controls/sortable-list";
import { ListInput, ScalarInput } from "../../controls/value-input";
import { ControlErrors, useControl } from "../../errors/errors-context";
import { isObject } from "../../patch";
import { childPath } from "../../paths";
import type { FieldInfo } from "../../snapshot-queries";

type Values = Record<string, JsonValue>;

function renameKey(values: Values, from: string, to: string): Values {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => (k === from ? [to, v] : [k, v])));
}

export function FieldValuesEditor({
  path,
  legend,
  fields,
  extraFields = [],
  value,
  onChange,
}: {
  path: string;
  legend: string;
  fields: FieldInfo[];
  /** System fields that may be set too (update_record may change the owner). */
  extraFields?: string[];
  value: Values;
  onChange: (value: Values) => void;
}) {
  const values: Values = isObject(value) ? (value as Values) : {};
  const all: FieldInfo[] = [
    ...fields,
    ...extraFields.map((name) => ({ name, label: name, type: name === "ownerId" ? "user" : "text", system: true })),
  ];
  const names = Object.keys(values);
  const unused = all.find((f) => !names.includes(f.name));
  return (
    <GroupControl path={path} legend={legend} hint="Text may use templates such as {{record.name}}.">
      {names.length === 0 && <p className="muted">No fields yet.</p>}
      {names.map((name, i) => (
        <ValueRow
          key={name}
          path={childPath(path, name)}
          name={name}
          fields={all}
          used={names}
          value={values[name]}
          index={i}
          count={names.length}
          onRename={(to) => onChange(renameKey(values, name, to))}
          onValue={(v) => onChange({ ...values, [name]: v })}
          onRemove={() => onChange(Object.fromEntries(Object.entries(values).filter(([k]) => k !== name)))}
        />
      ))}
      <div>
        <button
          type="button"
          className="button button-small"
          disabled={!unused}
          onClick={() => unused && onChange({ ...values, [unused.name]: "" })}
        >
          Add field
        </button>
      </div>
    </GroupControl>
  );
}

function ValueRow({
  path,
  name,
  fields,
  used,
  value,
  index,
  count,
  onRename,
  onValue,
  onRemove,
}: {
  path: string;
  name: string;
  fields: FieldInfo[];
  used: string[];
  value: JsonValue | undefined;
  index: number;
  count: number;
  onRename: (name: string) => void;
  onValue: (value: JsonValue) => void;
  onRemove: () => void;
}) {
  const { a11y, errors, errorId } = useControl(path, { deep: true });
  const field = fields.find((f) => f.name === name);
  return (
    <div className="list-row">
      <div className="row">
        <select
          className="input input-compact"
          aria-label={`Field ${index + 1}`}
          value={name}
          onChange={(e) => onRename(e.target.value)}
        >
          {!field && <option value={name}>{name} (unknown)</option>}
          {fields
            .filter((f) => f.name === name || !used.includes(f.name))
            .map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
        </select>
        <span className="grow">
          {field?.type === "multiselect" ? (
            <ListInput
              field={field}
              value={value}
              a11y={a11y}
              label={`Value of ${name}`}
              onChange={(list) => onValue(list)}
            />
          ) : (
            <ScalarInput
              field={field}
              value={value}
              a11y={a11y}
              label={`Value of ${name}`}
              onChange={(v) => onValue(v ?? "")}
            />
          )}
        </span>
        <ItemButtons index={index} count={count} name={`field ${name}`} onRemove={onRemove} />
      </div>
      <ControlErrors id={errorId} errors={errors} />
    </div>
  );
}
