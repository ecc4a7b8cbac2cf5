// Sections group the form's fields under titles on the record page.
import type { FormConfig } from "@shared/config/form";
import { GroupControl } from "../../controls/group-control";
import { ItemButtons } from "../../controls/sortable-list";
import { TextControl } from "../../controls/studio-field";
import { asList, moveItem, patch, removeAt, replaceAt } from "../../patch";
import { childPath } from "../../paths";
import { fieldsOf } from "./form-model";

type Section = NonNullable<FormConfig["sections"]>[number];

export function SectionsEditor({ form, onChange }: { form: FormConfig; onChange: (form: FormConfig) => void }) {
  const sections = asList(form.sections);
  const names = fieldsOf(form).map((f) => f.name);
  const set = (next: Section[]) => onChange(patch(form, { sections: next.length ? next : undefined }));
  const toggle = (section: Section, name: string, on: boolean) => {
    const chosen = asList(section.fields);
    // Keep the form's field order inside a section.
    const fields = on ? names.filter((n) => n === name || chosen.includes(n)) : chosen.filter((n) => n !== name);
    return { ...section, fields };
  };
  return (
    <section className="builder-section" aria-labelledby="form-sections">
      <h2 id="form-sections" className="builder-section-title">
        Sections <span className="count">{sections.length}</span>
      </h2>
      <p className="muted">Optional. Each section shows its fields under a title.</p>
      {sections.map((section, i) => {
        const path = childPath("sections", i);
        return (
          <div key={i} className="card">
            <div className="row">
              <TextControl
                path={childPath(path, "title")}
                label={`Section ${i + 1} title`}
                value={section.title}
                onChange={(title) => set(replaceAt(sections, i, { ...section, title: title ?? "" }))}
              />
              <ItemButtons
                index={i}
                count={sections.length}
                name={`section ${section.title || i + 1}`}
                onMove={(from, to) => set(moveItem(sections, from, to))}
                onRemove={() => set(removeAt(sections, i))}
              />
            </div>
            <GroupControl path={childPath(path, "fields")} legend="Fields in this section" deep className="check-row">
              {names.map((name) => (
                <label key={name} className="check">
                  <input
                    type="checkbox"
                    checked={asList(section.fields).includes(name)}
                    onChange={(e) => set(replaceAt(sections, i, toggle(section, name, e.target.checked)))}
                  />
                  <span>{name}</span>
                </label>
              ))}
            </GroupControl>
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() => set([...sections, { title: `Section ${sections.length + 1}`, fields: names.slice(0, 1) }])}
        >
          Add section
        </button>
      </div>
    </section>
  );
}
