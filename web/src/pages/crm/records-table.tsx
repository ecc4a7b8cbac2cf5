// A plain table of records for one view. A later renderer replaces it.
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import { listRecords } from "../../api/crm";
import type { CrmRecord } from "../../api/types";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { useAsync } from "../../lib/use-async";
import { formatDate, formatDateTime, formatValue } from "../../lib/format";
import { subscribeRealtime } from "../../state/realtime";

export interface Column {
  field: string;
  label: string;
  type?: string;
  options?: Array<{ value: string; label?: string }>;
  width?: number;
}

const TOP_LEVEL = new Set(["id", "status", "createdAt", "updatedAt", "createdBy", "updatedBy", "ownerId", "version"]);

export function RecordsTable({ entity, view, pageSize, columns, caption }: {
  entity: string;
  view?: string;
  pageSize?: number;
  columns: Column[];
  caption: string;
}) {
  const [extra, setExtra] = useState<{ items: CrmRecord[]; cursor: string | null; loading: boolean; error: unknown }>(
    { items: [], cursor: null, loading: false, error: null },
  );
  const page = useAsync((signal) => listRecords(entity, { view, limit: pageSize }, signal), [entity, view, pageSize]);
  const { reload } = page;

  useEffect(() => setExtra({ items: [], cursor: null, loading: false, error: null }), [page.data]);

  // Someone else changed a record of this entity: show it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeRealtime((message) => {
      if (message.type !== "record.changed" || message.entity !== entity) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 400);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [entity, reload]);

  if (page.status === "loading" && !page.data) return <Loading label="Loading records…" />;
  if (page.status === "error") return <RecordsError error={page.error} onRetry={reload} />;
  if (!page.data || !Array.isArray(page.data.items)) {
    return <ErrorState title="Unexpected response" error={new Error("The records API answered with something this page doesn't understand.")} onRetry={reload} />;
  }

  const items = [...page.data.items, ...extra.items];
  const nextCursor = extra.cursor ?? page.data.nextCursor;
  const loadMore = async () => {
    setExtra((e) => ({ ...e, loading: true, error: null }));
    try {
      const more = await listRecords(entity, { view, limit: pageSize, cursor: nextCursor });
      setExtra((e) => ({ items: [...e.items, ...more.items], cursor: more.nextCursor, loading: false, error: null }));
    } catch (error) {
      setExtra((e) => ({ ...e, loading: false, error }));
    }
  };

  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>{columns.map((c) => <th key={c.field} scope="col" style={c.width ? { minWidth: c.width } : undefined}>{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="table-empty">No records yet</td>
              </tr>
            )}
            {items.map((record) => (
              <tr key={record.id}>
                {columns.map((c) => <td key={c.field}>{cell(record, c)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {extra.error !== null && <ErrorState title="Couldn't load more" error={extra.error} />}
      {nextCursor && (
        <div className="table-footer">
          <button type="button" className="button" onClick={loadMore} disabled={extra.loading}>
            {extra.loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}

function cell(record: CrmRecord, column: Column): string {
  const value = TOP_LEVEL.has(column.field) && !(column.field in (record.data ?? {}))
    ? (record as unknown as Record<string, unknown>)[column.field]
    : record.data?.[column.field];
  if (column.options && typeof value === "string") {
    return column.options.find((o) => o.value === value)?.label ?? value;
  }
  if (typeof value === "string" && (column.type === "datetime" || column.field.endsWith("At"))) return formatDateTime(value);
  if (typeof value === "string" && column.type === "date") return formatDate(value);
  return formatValue(value);
}

function RecordsError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return error.code === "unknown_entity"
      ? <EmptyState title="Unknown entity"><p>The server doesn't know this entity. Its configuration may not be published yet.</p></EmptyState>
      : <EmptyState title="This entity has no records API yet"><p>The records service isn't available on this server yet.</p></EmptyState>;
  }
  if (error instanceof ApiError && error.status === 403) {
    return <ErrorState title="You can't see these records" error={error} />;
  }
  return <ErrorState title="Couldn't load records" error={error} onRetry={onRetry} />;
}
