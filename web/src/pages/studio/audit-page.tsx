// /studio/audit: who did what, newest first, a page at a time.
import { useState } from "react";
import { listAudit } from "../../api/config";
import type { AuditItem } from "../../api/types";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { formatActor, formatDateTime, formatValue } from "../../lib/format";
import { useAsync } from "../../lib/use-async";

const PAGE_SIZE = 50;

export function AuditPage() {
  const first = useAsync((signal) => listAudit(null, PAGE_SIZE, signal), []);
  const [more, setMore] = useState<{
    items: AuditItem[];
    cursor: string | null | undefined;
    loading: boolean;
    error: unknown;
  }>({ items: [], cursor: undefined, loading: false, error: null });

  const reload = () => {
    setMore({ items: [], cursor: undefined, loading: false, error: null });
    first.reload();
  };

  if (first.status === "loading" && !first.data) return <Loading label="Loading the audit log…" />;

  const items = [...(first.data?.items ?? []), ...more.items];
  const nextCursor = more.cursor === undefined ? first.data?.nextCursor : more.cursor;
  const loadMore = async () => {
    setMore((m) => ({ ...m, loading: true, error: null }));
    try {
      const page = await listAudit(nextCursor, PAGE_SIZE);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loading: false, error: null }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error }));
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Audit log"
        description="Configuration, membership and record changes in this workspace."
        actions={
          <button type="button" className="button" onClick={reload}>
            Refresh
          </button>
        }
      />
      {first.status === "error" ? (
        <ErrorState title="Couldn't load the audit log" error={first.error} onRetry={reload} />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing has happened yet" />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item, i) => (
                  <tr key={item.id ?? `${item.at}-${i}`}>
                    <td className="nowrap">{formatDateTime(item.at)}</td>
                    <td>{formatActor(item.actor)}</td>
                    <td>
                      <code>{item.action}</code>
                    </td>
                    <td>{formatValue(item.target)}</td>
                    <td>
                      <Change before={item.before} after={item.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more.error !== null && <ErrorState title="Couldn't load more" error={more.error} />}
          <div className="table-footer">
            {nextCursor ? (
              <button type="button" className="button" onClick={loadMore} disabled={more.loading}>
                {more.loading ? "Loading…" : "Load more"}
              </button>
            ) : (
              <span className="muted">That's everything.</span>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function Change({ before, after }: { before?: unknown; after?: unknown }) {
  if (before === undefined && after === undefined) return <span className="muted">—</span>;
  return (
    <details>
      <summary>Details</summary>
      <div className="change">
        {before !== undefined && (
          <>
            <p className="change-label">Before</p>
            <pre>{JSON.stringify(before, null, 2)}</pre>
          </>
        )}
        {after !== undefined && (
          <>
            <p className="change-label">After</p>
            <pre>{JSON.stringify(after, null, 2)}</pre>
          </>
        )}
      </div>
    </details>
  );
}
