// form/<entity>/default "related": which related lists the record's 360° page shows, in which
// order, with which columns. Without any, the page lists every reference to this entity.
import { useState } from "react";
import type { FormConfig, RelatedListConfig } from "@shared/config/form";
import { entityTitle } from "../../../config/navigation";
import { GroupControl } from "../../controls/group-control";
import { ItemButtons } from "../../controls/sortable-list";
import { TextControl } from "../../controls/studio-field";
import { useItemContext } from "../../item-context";
import { asList, moveItem, patch, removeAt, replaceAt } from "../../patch";
import { childPath } from "../../paths";
import { formFields, referencesTo, type ReferenceTo } from "../../snapshot-queries";

/** The 360° page shows at most this many columns per related list (the schema's limit). */
const MAX_COLUMNS = 12;

const refKey = (r: { entity: string; via: string }) => `${r.entity}.${r.via}`;

export function RelatedListsEditor({ form, onChange }: { form: FormConfig; onChange: (form: FormConfig) => void }) {
  const { entity, snapshot } = useItemContext();
  const lists = asList(form.related);
  const candidates = referencesTo(snapshot, entity);
  const free = candidates.filter((c) => !lists.some((l) => refKey(l) === refKey(c)));
  const [chosen, setChosen] = useState("");
  const set = (next: RelatedListConfig[]) => onChange(patch(form, { related: next.length ? next : undefined }));
  const describe = (r: ReferenceTo | RelatedListConfig) => {
    const label = candidates.find((c) => refKey(c) === refKey(r))?.label ?? r.via;
    return `${entityTitle(snapshot, r.entity)} by ${label}`;
  };
  const add = () => {
    const pick = free.find((c) => refKey(c) === chosen) ?? free[0];
    if (!pick) return;
    set([...lists, { entity: pick.entity, via: pick.via }]);
    setChosen("");
  };

  return (
    <section className="builder-section" aria-labelledby="form-related">
      <h2 id="form-related" className="builder-section-title">
        Related lists <span className="count">{lists.length}</span>
      </h2>
      <p className="muted">
        {lists.length
          ? "The record page shows these lists, in this order."
          : `Optional. Without any, the record page lists every entity that refers to ` +
            `${entityTitle(snapshot, entity)}.`}
      </p>
      {lists.map((list, i) => (
        <RelatedListCard
          key={refKey(list)}
          list={list}
          index={i}
          count={lists.length}
          describe={describe(list)}
          onChange={(next) => set(replaceAt(lists, i, next))}
          onMove={(from, to) => set(moveItem(lists, from, to))}
          onRemove={() => set(removeAt(lists, i))}
        />
      ))}
      {candidates.length === 0 ? (
        <p className="muted">
          {`No other entity refers to ${entityTitle(snapshot, entity)} yet: add a reference field pointing here to ` +
            "another entity's form first."}
        </p>
      ) : (
        free.length > 0 && (
          <div className="add-row">
            <label className="field-label" htmlFor="new-related-list">
              New related list
            </label>
            <select
              id="new-related-list"
              className="input input-compact"
              value={chosen || refKey(free[0]!)}
              onChange={(e) => setChosen(e.target.value)}
            >
              {free.map((c) => (
                <option key={refKey(c)} value={refKey(c)}>
                  {describe(c)}
                </option>
              ))}
            </select>
            <button type="button" className="button button-small" onClick={add}>
              Add related list
            </button>
          </div>
        )
      )}
    </section>
  );
}

function RelatedListCard({
  list,
  index,
  count,
  describe,
  onChange,
  onMove,
  onRemove,
}: {
  list: RelatedListConfig;
  index: number;
  count: number;
  describe: string;
  onChange: (list: RelatedListConfig) => void;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { snapshot } = useItemContext();
  const path = childPath("related", index);
  const fields = formFields(snapshot, list.entity).filter((f) => f.name !== list.via);
  const columns = asList(list.columns);
  const toggle = (name: string, on: boolean) => {
    // Keep the related form's field order.
    const next = on
      ? fields.map((f) => f.name).filter((n) => n === name || columns.includes(n))
      : columns.filter((n) => n !== name);
    onChange(patch(list, { columns: next.length ? next : undefined }));
  };
  return (
    <div className="card">
      <div className="row">
        <strong className="related-list-name">{describe}</strong>{" "}
        <code className="muted">
          {list.entity}.{list.via}
        </code>
        <ItemButtons
          index={index}
          count={count}
          name={`related list ${describe}`}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>
      <TextControl
        path={childPath(path, "title")}
        label="Title"
        optional
        placeholder={entityTitle(snapshot, list.entity)}
        value={list.title}
        onChange={(title) => onChange(patch(list, { title: title || undefined }))}
      />
      <GroupControl
        path={childPath(path, "columns")}
        legend="Columns"
        deep
        className="check-row"
        hint={`Optional, up to ${MAX_COLUMNS}. Without any, the list shows the related record's first fields.`}
      >
        {fields.map((f) => {
          const on = columns.includes(f.name);
          return (
            <label key={f.name} className="check">
              <input
                type="checkbox"
                checked={on}
                disabled={!on && columns.length >= MAX_COLUMNS}
                onChange={(e) => toggle(f.name, e.target.checked)}
              />
              <span>{f.label}</span>
            </label>
          );
        })}
      </GroupControl>
    </div>
  );
}
