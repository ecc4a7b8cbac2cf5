// One value of a record, shown the way its field type reads: money, percents, dates, option
// labels, chips, links to referenced records, people.
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PhoneText } from "./phone-text";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { CrmRecord } from "../../api/types";
import { columnValue, type ColumnSpec } from "./columns";
import { formatCurrency, formatDay, formatMoment, formatNumber, formatPercent } from "./format";
import { usePersonName } from "./members";
import { useRecordLabel } from "./record-labels";
import { StatusBadge } from "./status-badge";

const empty = <span className="muted">—</span>;
const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

export function CellValue({
  column,
  record,
  workflow,
}: {
  column: ColumnSpec;
  record: CrmRecord;
  workflow?: WorkflowConfig;
}) {
  return <FieldValue column={column} value={columnValue(record, column.field)} workflow={workflow} />;
}

export function FieldValue({
  column,
  value,
  workflow,
}: {
  column: ColumnSpec;
  value: unknown;
  workflow?: WorkflowConfig;
}): ReactNode {
  if (isEmpty(value)) return empty;
  const { kind, def } = column;
  switch (kind) {
    case "status":
      return <StatusBadge status={String(value)} workflow={workflow} />;
    case "currency":
      return <span className="num">{formatCurrency(value)}</span>;
    case "percent":
      return <span className="num">{formatPercent(value)}</span>;
    case "number":
      return <span className="num">{formatNumber(value)}</span>;
    case "date":
      return formatDay(value);
    case "datetime":
    case "timestamp":
      return formatMoment(value);
    case "boolean":
      return value === true ? "Yes" : "No";
    case "select":
      return def?.options?.find((o) => o.value === value)?.label ?? String(value);
    case "multiselect":
      return <Chips values={Array.isArray(value) ? value.map(String) : [String(value)]} options={def?.options} />;
    case "reference":
      return def?.entity ? <ReferenceLink entity={def.entity} id={String(value)} /> : String(value);
    case "user":
    case "member":
      return <PersonName id={String(value)} />;
    case "email":
      return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
    case "url":
      return (
        <a href={String(value)} target="_blank" rel="noreferrer noopener">
          {String(value)}
        </a>
      );
    case "phone":
      return (
        <a href={`tel:${String(value).replace(/[^\d+]/g, "")}`}>
          <PhoneText value={String(value)} />
        </a>
      );
    case "text":
    case "textarea":
    case "id":
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

function Chips({ values, options }: { values: string[]; options?: Array<{ value: string; label: string }> }) {
  return (
    <span className="chips">
      {values.map((v) => (
        <span key={v} className="chip">
          {options?.find((o) => o.value === v)?.label ?? v}
        </span>
      ))}
    </span>
  );
}

export function ReferenceLink({ entity, id }: { entity: string; id: string }) {
  const label = useRecordLabel(entity, id);
  return <Link to={`/crm/${entity}/${encodeURIComponent(id)}`}>{label ?? (label === undefined ? "…" : `#${id}`)}</Link>;
}

export function PersonName({ id }: { id: string }) {
  return <>{usePersonName(id)}</>;
}
