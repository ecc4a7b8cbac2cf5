// /studio/audit: who did what, newest first, a page at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { listAudit } from "../../api/config";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { formatActor, formatDateTime, formatValue } from "../../lib/format";
import { keys, queryClient } from "../../state/server-state";

const PAGE_SIZE = 50;
const auditKey = keys.admin("audit");

export function AuditPage() {
  const audit = useInfiniteQuery(
    {
      queryKey: auditKey,
      queryFn: ({ pageParam, signal }) => listAudit(pageParam, PAGE_SIZE, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      // Asked again on every visit: the log grows with every change anywhere.
      staleTime: 0,
    },
    queryClient,
  );
  // Back to the first page, newest entries included.
  const reload = () => void queryClient.resetQueries({ queryKey: auditKey });

  if (audit.status === "pending") return <Loading label="Loading the audit log…" />;

  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const firstFailed = audit.status === "error" && !audit.data;

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
      {firstFailed ? (
        <ErrorState title="Couldn't load the audit log" error={audit.error} onRetry={reload} />
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
          {audit.isFetchNextPageError && <ErrorState title="Couldn't load more" error={audit.error} />}
          <div className="table-footer">
            {audit.hasNextPage ? (
              <button
                type="button"
                className="button"
                onClick={() => void audit.fetchNextPage()}
                disabled={audit.isFetchingNextPage}
              >
                {audit.isFetchingNextPage ? "Loading…" : "Load more"}
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
