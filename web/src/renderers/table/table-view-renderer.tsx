// A `view` of type table or list: columns from config, server-side sort (header click → `sort`),
// search (`q`), a filter builder (`where`), keyset "Load more", live rows, row click → record.
import { type MouseEvent, useEffect, useMemo, useRef, useState } from "react";
import { flexRender, getCoreRowModel, type SortingState, useReactTable } from "@tanstack/react-table";
import { useNavigate } from "react-router";
import { ErrorState, Loading } from "../../components/status";
import { useForm, useWorkflow } from "../../state/config-hooks";
import { useSession } from "../../state/session";
import { viewColumns } from "../shared/columns";
import { RecordsError } from "../shared/records-error";
import { useRecordList } from "../shared/use-record-list";
import type { ViewRendererProps } from "../view-renderer";
import { FilterBuilder } from "./filter-builder";
import { type FilterRow, filterFields, toCondition } from "./filter-model";
import { recordPath, tableColumns } from "./table-columns";

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

// A pointer that rests on a row for a moment (not one sweeping across the table) tells `onIntent`.
const HOVER_INTENT_MS = 80;
function useHoverIntent(onIntent: ((id: string) => void) | undefined) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    enter: (id: string) => {
      clearTimeout(timer.current);
      if (onIntent) timer.current = setTimeout(() => onIntent(id), HOVER_INTENT_MS);
    },
    leave: () => clearTimeout(timer.current),
  };
}

export function TableViewRenderer({
  entity,
  viewKey,
  view,
  caption,
  onQueryChange,
  onRecordIntent,
}: ViewRendererProps) {
  const form = useForm(entity);
  const workflow = useWorkflow(entity);
  const role = useSession((s) => s.role) ?? "read_only";
  const navigate = useNavigate();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<FilterRow[]>([]);
  const q = useDebounced(search.trim(), 300);

  const columns = useMemo(() => viewColumns(view, form, role), [view, form, role]);
  const filterable = useMemo(() => filterFields(form, role, Boolean(workflow)), [form, role, workflow]);
  const where = useMemo(() => toCondition(filters, filterable), [filters, filterable]);
  const sort = sorting[0] ? `${sorting[0].desc ? "-" : ""}${sorting[0].id}` : undefined;
  const list = useRecordList(entity, { view: viewKey, sort, q: q || undefined, where, limit: view.pageSize });
  const reportQuery = useRef(onQueryChange);
  reportQuery.current = onQueryChange;
  useEffect(() => reportQuery.current?.({ q: q || undefined, where, sort }), [q, where, sort]);
  const { put, update } = list;
  const defs = useMemo(
    () => tableColumns(entity, columns, workflow, { role, onSaved: put, onChange: update }),
    [entity, columns, workflow, role, put, update],
  );

  const table = useReactTable({
    data: list.items,
    columns: defs,
    state: { sorting },
    onSortingChange: setSorting,
    columnResizeMode: "onChange",
    manualSorting: true, // the server sorts: keyset paging needs its order
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (record) => record.id,
  });

  const openRow = (event: MouseEvent, id: string) => {
    // Links and buttons inside the row do their own thing.
    if (
      (event.target as HTMLElement).closest(
        "a, button, input, select, .inline-cell, .inline-cell-editing, .column-resizer",
      )
    )
      return;
    void navigate(recordPath(entity, id));
  };
  const narrowed = Boolean(q || where);
  const intent = useHoverIntent(onRecordIntent);

  return (
    <div className="table-view">
      <div className="table-toolbar">
        <input
          type="search"
          className="input input-compact table-search"
          aria-label={`Search ${caption}`}
          placeholder="Search…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <FilterBuilder fields={filterable} filters={filters} onChange={setFilters} workflow={workflow} />
      </div>
      {list.status === "error" ? (
        <RecordsError error={list.error} onRetry={list.reload} />
      ) : list.status === "loading" && list.items.length === 0 ? (
        <Loading label="Loading records…" />
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={caption}
          aria-busy={list.status === "loading"}
        >
          <table className="table table-records" style={{ width: table.getTotalSize(), minWidth: "100%" }}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const dir = header.column.getIsSorted();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        style={{ width: header.getSize() }}
                        aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                      >
                        {header.column.getCanSort() ? (
                          <button type="button" className="th-button" onClick={header.column.getToggleSortingHandler()}>
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            <span className="sort-mark" aria-hidden="true">
                              {dir === "asc" ? "▲" : dir === "desc" ? "▼" : ""}
                            </span>
                          </button>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                        <span
                          className={`column-resizer${header.column.getIsResizing() ? " is-resizing" : ""}`}
                          aria-hidden="true"
                          title="Drag to resize"
                          onMouseDown={header.getResizeHandler()}
                          onTouchStart={header.getResizeHandler()}
                          onDoubleClick={() => header.column.resetSize()}
                          onClick={(e) => e.stopPropagation()}
                        />
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {list.items.length === 0 && (
                <tr>
                  <td colSpan={Math.max(1, columns.length)} className="table-empty">
                    {narrowed ? "No records match" : "No records yet"}
                  </td>
                </tr>
              )}
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  className="row-clickable"
                  onClick={(e) => openRow(e, row.id)}
                  onPointerEnter={() => intent.enter(row.id)}
                  onPointerLeave={intent.leave}
                  onFocus={() => onRecordIntent?.(row.id)}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className="cell-truncate"
                      style={{ width: cell.column.getSize(), maxWidth: cell.column.getSize() }}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.moreError !== null && (
        <ErrorState title="Couldn't load more" error={list.moreError} onRetry={list.loadMore} />
      )}
      <div className="table-footer">
        <span className="muted" role="status">
          {list.status === "ready" && list.items.length > 0
            ? `${list.items.length} shown${list.nextCursor ? ", more available" : ""}`
            : ""}
        </span>
        {list.nextCursor && (
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
    </div>
  );
}
