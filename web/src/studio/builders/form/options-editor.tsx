// The choices of a select or multiselect field: value (stored) and label (shown).
import type { FormField } from "@shared/config/form";
import { GroupControl } from "../../controls/group-control";
import { ItemButtons } from "../../controls/sortable-list";
import { TextControl } from "../../controls/studio-field";
import { asList, moveItem, removeAt, replaceAt, uniqueName } from "../../patch";
import { childPath } from "../../paths";

type Option = NonNullable<FormField["options"]>[number];

export function OptionsEditor({
  path,
  options,
  onChange,
}: {
  path: string;
  options: Option[] | undefined;
  onChange: (options: Option[] | undefined) => void;
}) {
  const list = asList(options);
  const add = () => {
    const value = uniqueName(
      `option_${list.length + 1}`,
      list.map((o) => o.value),
    );
    onChange([...list, { value, label: `Option ${list.length + 1}` }]);
  };
  return (
    <GroupControl path={path} legend={`Options (${list.length})`}>
      <ol className="options-list">
        {list.map((option, i) => (
          <li key={i} className="options-row">
            <TextControl
              path={childPath(path, i, "value")}
              label="Value"
              value={option.value}
              onChange={(value) => onChange(replaceAt(list, i, { ...option, value: value ?? "" }))}
            />
            <TextControl
              path={childPath(path, i, "label")}
              label="Label"
              value={option.label}
              onChange={(label) => onChange(replaceAt(list, i, { ...option, label: label ?? "" }))}
            />
            <ItemButtons
              index={i}
              count={list.length}
              name={`option ${option.label || option.value || i + 1}`}
              onMove={(from, to) => onChange(moveItem(list, from, to))}
              onRemove={() => onChange(list.length > 1 ? removeAt(list, i) : undefined)}
            />
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button button-small" onClick={add}>
          Add option
        </button>
      </div>
    </GroupControl>
  );
}
