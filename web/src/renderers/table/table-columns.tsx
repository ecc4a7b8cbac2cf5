// TanStack column definitions from resolved view columns; the first links to the record.
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import type { WorkflowConfig } from "@shared/config/workflow";
import type { CrmRecord } from "../../api/types";
import { CellValue } from "../shared/cell-value";
import { columnValue, type ColumnSpec } from "../shared/columns";

export const recordPath = (entity: string, id: string) => `/crm/${entity}/${encodeURIComponent(id)}`;

export function tableColumns(entity: string, columns: ColumnSpec[], workflow: WorkflowConfig | undefined): ColumnDef<CrmRecord>[] {
  return columns.map((column, i) => ({
    id: column.field,
    accessorFn: (record) => columnValue(record, column.field),
    header: column.label,
    size: column.width,
    // A multiselect has no single order.
    enableSorting: column.kind !== "multiselect",
    cell: ({ row }) => {
      const value = <CellValue column={column} record={row.original} workflow={workflow} />;
      if (i > 0 || column.kind === "reference" || column.kind === "email" || column.kind === "url") return value;
      return <Link className="row-link" to={recordPath(entity, row.original.id)}>{value}</Link>;
    },
  }));
}
