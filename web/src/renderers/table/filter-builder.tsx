// A row to add a filter (field / condition / value) and the active filters as removable chips.
import { type FormEvent, useId, useState } from "react";
import type { ConditionOp } from "@shared/config/condition";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { ColumnSpec } from "../shared/columns";
import { usePeople } from "../shared/members";
import { type FilterRow, OPS_BY_KIND, opLabel, takesValue } from "./filter-model";

interface FilterBuilderProps {
  fields: ColumnSpec[];
  filters: FilterRow[];
  onChange(filters: FilterRow[]): void;
  workflow?: WorkflowConfig;
}

export function FilterBuilder({ fields, filters, onChange, workflow }: FilterBuilderProps) {
  const id = useId();
  const [draft, setDraft] = useState<FilterRow>(() => ({
    field: fields[0]?.field ?? "",
    op: OPS_BY_KIND[fields[0]?.kind ?? "text"][0]!,
    value: "",
  }));
  const spec = fields.find((f) => f.field === draft.field) ?? fields[0];
  if (!spec) return null;
  const ops = OPS_BY_KIND[spec.kind];

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (takesValue(draft.op) && !draft.value.trim()) return;
    onChange([...filters, { ...draft, field: spec.field, value: takesValue(draft.op) ? draft.value : "" }]);
    setDraft((d) => ({ ...d, value: "" }));
  };
  const pickField = (field: string) => {
    const next = fields.find((f) => f.field === field);
    setDraft({ field, op: OPS_BY_KIND[next?.kind ?? "text"][0]!, value: "" });
  };

  return (
    <div className="filters">
      <form className="filter-builder" onSubmit={add} aria-label="Add a filter">
        <label className="visually-hidden" htmlFor={`${id}-field`}>
          Filter field
        </label>
        <select
          id={`${id}-field`}
          className="input input-compact"
          value={spec.field}
          onChange={(e) => pickField(e.target.value)}
        >
          {fields.map((f) => (
            <option key={f.field} value={f.field}>
              {f.label}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`${id}-op`}>
          Condition
        </label>
        <select
          id={`${id}-op`}
          className="input input-compact"
          value={draft.op}
          onChange={(e) => setDraft({ ...draft, op: e.target.value as ConditionOp })}
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {opLabel(op, spec.kind)}
            </option>
          ))}
        </select>
        {takesValue(draft.op) && (
          <ValueInput
            id={`${id}-value`}
            spec={spec}
            workflow={workflow}
            value={draft.value}
            onChange={(value) => setDraft({ ...draft, value })}
          />
        )}
        <button type="submit" className="button button-small">
          Add filter
        </button>
      </form>
      {filters.length > 0 && (
        <ul className="chips filter-chips" aria-label="Active filters">
          {filters.map((row, i) => {
            const text = describe(row, fields, workflow);
            return (
              <li key={`${row.field}-${i}`} className="chip">
                {text}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove filter ${text}`}
                  onClick={() => onChange(filters.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </li>
            );
          })}
          <li>
            <button type="button" className="link-button" onClick={() => onChange([])}>
              Clear filters
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

function choices(
  spec: ColumnSpec,
  workflow: WorkflowConfig | undefined,
): Array<{ value: string; label: string }> | null {
  if (spec.kind === "status") return workflow?.steps.map((s) => ({ value: s.key, label: s.label })) ?? null;
  if (spec.kind === "boolean")
    return [
      { value: "true", label: "Yes" },
      { value: "false", label: "No" },
    ];
  return spec.def?.options ?? null;
}

type ValueInputProps = {
  id: string;
  spec: ColumnSpec;
  workflow?: WorkflowConfig;
  value: string;
  onChange(value: string): void;
};

function ValueInput(props: ValueInputProps) {
  // Only a people field needs the member directory.
  return props.spec.kind === "user" || props.spec.kind === "member" ? (
    <PersonValueInput {...props} />
  ) : (
    <PlainValueInput {...props} />
  );
}

function PersonValueInput(props: ValueInputProps) {
  const people = usePeople();
  return (
    <PlainValueInput
      {...props}
      options={[{ value: "$user", label: "Me" }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
    />
  );
}

function PlainValueInput({
  id,
  spec,
  workflow,
  value,
  onChange,
  options = choices(spec, workflow),
}: ValueInputProps & { options?: Array<{ value: string; label: string }> | null }) {
  const label = (
    <label className="visually-hidden" htmlFor={id}>
      Filter value
    </label>
  );
  if (options) {
    return (
      <>
        {label}
        <select id={id} className="input input-compact" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  }
  const type = spec.kind === "date" || spec.kind === "datetime" || spec.kind === "timestamp" ? "date" : "text";
  return (
    <>
      {label}
      <input
        id={id}
        className="input input-compact"
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

function describe(row: FilterRow, fields: readonly ColumnSpec[], workflow: WorkflowConfig | undefined): string {
  const spec = fields.find((f) => f.field === row.field);
  if (!spec) return row.field;
  const shown =
    row.value === "$user" ? "me" : (choices(spec, workflow)?.find((o) => o.value === row.value)?.label ?? row.value);
  return [spec.label, opLabel(row.op, spec.kind), takesValue(row.op) ? shown : ""].filter(Boolean).join(" ");
}
