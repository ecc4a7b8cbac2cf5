// TanStack column definitions from resolved view columns; the first links to the record. Values
// truncate with their full text as a tooltip; editable fields edit in place when `inline` is given.
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import type { WorkflowConfig } from "@shared/config/workflow";
import { canEdit } from "@shared/records/access";
import type { Role } from "@shared/roles";
import type { CrmRecord } from "../../api/types";
import { CellValue } from "../shared/cell-value";
import { columnValue, type ColumnSpec } from "../shared/columns";
import { plainValue } from "../shared/plain-value";
import { InlineCell, inlineEditable } from "./inline-cell";

export const recordPath = (entity: string, id: string) => `/crm/${entity}/${encodeURIComponent(id)}`;

/** Without a configured width, a column starts at this many pixels (and can be dragged wider). */
export const DEFAULT_COLUMN_WIDTH = 180;

export interface InlineEditing {
  role: Role;
  onSaved(record: CrmRecord): void;
  onChange(id: string, change: (record: CrmRecord) => CrmRecord): void;
}

export function tableColumns(
  entity: string,
  columns: ColumnSpec[],
  workflow: WorkflowConfig | undefined,
  inline?: InlineEditing,
): ColumnDef<CrmRecord>[] {
  return columns.map((column, i) => ({
    id: column.field,
    accessorFn: (record) => columnValue(record, column.field),
    header: column.label,
    size: column.width ?? DEFAULT_COLUMN_WIDTH,
    minSize: 60,
    // A multiselect has no single order.
    enableSorting: column.kind !== "multiselect",
    cell: ({ row }) => {
      const record = row.original;
      const title = plainValue(column.def, columnValue(record, column.field), workflow, column.field);
      let value = (
        <span className="cell-text" title={title === "—" ? undefined : title}>
          <CellValue column={column} record={record} workflow={workflow} />
        </span>
      );
      if (i === 0 && column.kind !== "reference" && column.kind !== "email" && column.kind !== "url") {
        value = (
          <Link className="row-link" to={recordPath(entity, record.id)} title={title}>
            <CellValue column={column} record={record} workflow={workflow} />
          </Link>
        );
      }
      const def = column.def;
      if (!inline || !def || !inlineEditable(def) || !canEdit(def, inline.role)) return value;
      return (
        <InlineCell
          entity={entity}
          record={record}
          def={def}
          label={column.label}
          onSaved={inline.onSaved}
          onChange={inline.onChange}
        >
          {value}
        </InlineCell>
      );
    },
  }));
}
