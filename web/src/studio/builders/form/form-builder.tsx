// form/<entity>/<key>: title, fields (added, reordered, edited, removed), sections, submit label.
import { useEffect, useState } from "react";
import type { FormFieldType } from "@shared/config/field-types";
import type { FormConfig } from "@shared/config/form";
import { SelectControl, TextareaControl, TextControl } from "../../controls/studio-field";
import { useItemContext } from "../../item-context";
import { patch } from "../../patch";
import { entityNames } from "../../snapshot-queries";
import type { BuilderProps } from "../builder-props";
import { FieldList } from "./field-list";
import { addField, BUILDER_FIELD_TYPES, FIELD_TYPE_LABELS, fieldsOf } from "./form-model";
import { RelatedListsEditor } from "./related-lists-editor";
import { SectionsEditor } from "./sections-editor";

export function FormBuilder({ value, onChange }: BuilderProps<FormConfig>) {
  const { snapshot } = useItemContext();
  const [newType, setNewType] = useState<FormFieldType>("text");
  const [added, setAdded] = useState<number | null>(null);
  const fields = fieldsOf(value);
  // The new card focused itself while mounting (child effects run first); don't do it again.
  useEffect(() => {
    if (added !== null) setAdded(null);
  }, [added]);

  const add = () => {
    onChange(addField(value, newType, entityNames(snapshot)));
    setAdded(fields.length);
  };

  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="form-basics">
        <h2 id="form-basics" className="builder-section-title">
          Form
        </h2>
        <div className="form-grid">
          <TextControl
            path="title"
            label="Title"
            value={value.title}
            onChange={(title) => onChange({ ...value, title: title ?? "" })}
          />
          <TextControl
            path="submit.label"
            label="Submit button label"
            optional
            placeholder="Save"
            value={value.submit?.label}
            onChange={(label) => onChange(patch(value, { submit: label ? { label } : undefined }))}
          />
          <SelectControl
            path="recordAccess"
            label="Who sees records"
            value={value.recordAccess ?? ""}
            onChange={(v) => onChange(patch(value, { recordAccess: v === "" ? undefined : (v as "all" | "owner") }))}
            hint="With “owners only”, agents see the records they own or are assigned; managers and admins see all."
          >
            <option value="">Everyone (default)</option>
            <option value="all">Everyone</option>
            <option value="owner">Owners only</option>
          </SelectControl>
          <TextareaControl
            path="description"
            label="Description"
            optional
            className="form-wide"
            value={value.description}
            onChange={(description) => onChange(patch(value, { description }))}
          />
        </div>
      </section>

      <section className="builder-section" aria-labelledby="form-fields">
        <h2 id="form-fields" className="builder-section-title">
          Fields <span className="count">{fields.length}</span>
        </h2>
        <FieldList form={value} onChange={onChange} added={added} />
        <div className="add-row">
          <label className="field-label" htmlFor="new-field-type">
            New field type
          </label>
          <select
            id="new-field-type"
            className="input input-compact"
            value={newType}
            onChange={(e) => setNewType(e.target.value as FormFieldType)}
          >
            {BUILDER_FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {FIELD_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          <button type="button" className="button button-primary button-small" onClick={add}>
            Add field
          </button>
        </div>
      </section>

      <SectionsEditor form={value} onChange={onChange} />
      <RelatedListsEditor form={value} onChange={onChange} />
    </div>
  );
}
