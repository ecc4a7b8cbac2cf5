// The form's fields as cards, reordered by drag and drop or the arrow buttons.
import { useEffect, useState } from "react";
import type { FormConfig, FormField } from "@shared/config/form";
import { DragHandle, ItemButtons, SortableList } from "../../controls/sortable-list";
import { useStableKeys } from "../../controls/use-stable-keys";
import { useErrors } from "../../errors/errors-context";
import { childPath, controlId } from "../../paths";
import { FieldEditor } from "./field-editor";
import { FIELD_TYPE_LABELS, fieldsOf, moveField, removeField, updateField } from "./form-model";

export function FieldList({
  form,
  onChange,
  added,
}: {
  form: FormConfig;
  onChange: (form: FormConfig) => void;
  added: number | null;
}) {
  const fields = fieldsOf(form);
  const keys = useStableKeys(fields.length);
  const name = (i: number) => fields[i]?.label || fields[i]?.name || `field ${i + 1}`;
  const move = (from: number, to: number) => {
    keys.move(from, to);
    onChange(moveField(form, from, to));
  };
  if (fields.length === 0) return <p className="muted">No fields yet. A form needs at least one.</p>;
  return (
    <SortableList ids={keys.keys} label="Fields" itemLabel={name} onMove={move}>
      {(id, i, handle) => (
        <div className="card-row">
          <DragHandle handle={handle} name={name(i)} />
          <FieldCard
            field={fields[i]!}
            index={i}
            autoFocus={i === added}
            onChange={(field) => onChange(updateField(form, i, field))}
          />
          <ItemButtons
            index={i}
            count={fields.length}
            name={name(i)}
            onMove={move}
            onRemove={() => {
              keys.remove(i);
              onChange(removeField(form, i));
            }}
          />
        </div>
      )}
    </SortableList>
  );
}

function FieldCard({
  field,
  index,
  autoFocus,
  onChange,
}: {
  field: FormField;
  index: number;
  autoFocus: boolean;
  onChange: (f: FormField) => void;
}) {
  const path = childPath("fields", index);
  const problems = useErrors().countWithin(path);
  // Opened (and its name focused) only when just added; afterwards the user opens and closes it.
  const [openAtFirst] = useState(autoFocus);
  useEffect(() => {
    if (openAtFirst) document.getElementById(controlId(childPath(path, "name")))?.focus();
  }, []); // once, on mount
  return (
    <details className="card-body" open={openAtFirst || undefined}>
      <summary id={controlId(path)} className="card-summary">
        <span className="card-summary-title">{field.label || <em>Untitled</em>}</span>{" "}
        <code className="muted">{field.name}</code>{" "}
        <span className="badge">{FIELD_TYPE_LABELS[field.type] ?? field.type}</span>{" "}
        {field.required && <span className="badge badge-info">required</span>}{" "}
        {problems > 0 && (
          <span className="badge badge-danger">
            {problems} problem{problems === 1 ? "" : "s"}
          </span>
        )}
      </summary>
      <FieldEditor field={field} path={path} onChange={onChange} />
    </details>
  );
}
