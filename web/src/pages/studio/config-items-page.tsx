// /studio: every config item, grouped by namespace, with its status and revision.
import { useMemo, useState } from "react";
import { Link, useLocation } from "react-router";
import { listConfigItems } from "../../api/config";
import type { ConfigItemSummary, ConfigStatus } from "../../api/types";
import { Badge, ConfigStatusBadge } from "../../components/badge";
import { SelectField } from "../../components/field";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState, ErrorState, Loading } from "../../components/status";
import { formatActor, formatDateTime } from "../../lib/format";
import { keys, useApiQuery } from "../../state/server-state";
import { itemUrl } from "../../studio/paths";

export function ConfigItemsPage() {
  const [status, setStatus] = useState<ConfigStatus | "">("");
  const items = useApiQuery(keys.studio("items", status), (signal) => listConfigItems({ status }, signal), {
    // Drafts are saved on other pages: asked again on every visit, the cache shown meanwhile.
    staleTime: 0,
    keepPrevious: true,
  });
  const groups = useMemo(() => groupByNamespace(items.data ?? []), [items.data]);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  return (
    <div className="page">
      <PageHeader
        title="Config items"
        description="Drafts and published configuration of this workspace."
        actions={
          <>
            <Link className="button button-primary" to="/studio/new">
              New item
            </Link>
            <Link className="button" to="/studio/publish">
              Review &amp; publish
            </Link>
          </>
        }
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="toolbar">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as ConfigStatus | "")}>
          <option value="">All</option>
          <option value="draft">Draft</option>
          <option value="published">Published</option>
          <option value="archived">Archived</option>
        </SelectField>
      </div>
      {items.status === "loading" && !items.data ? (
        <Loading label="Loading config items…" />
      ) : items.status === "error" ? (
        <ErrorState title="Couldn't load config items" error={items.error} onRetry={items.reload} />
      ) : groups.length === 0 ? (
        <EmptyState title={status ? `No ${status} items` : "No config items yet"} />
      ) : (
        groups.map(([namespace, rows]) => (
          <section key={namespace} className="group" aria-labelledby={`ns-${namespace}`}>
            <h2 className="group-title" id={`ns-${namespace}`}>
              {namespace} <span className="count">{rows.length}</span>
            </h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Entity</th>
                    <th scope="col">Key</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Revision
                    </th>
                    <th scope="col" className="num">
                      Published in
                    </th>
                    <th scope="col">Updated</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((item) => (
                    <tr key={`${item.entity}/${item.key}`}>
                      <td>
                        <code>{item.entity}</code>
                      </td>
                      <td>
                        {item.status === "archived" ? (
                          <code>{item.key}</code>
                        ) : (
                          <Link to={itemUrl(item)} aria-label={`Edit ${item.namespace}/${item.entity}/${item.key}`}>
                            <code>{item.key}</code>
                          </Link>
                        )}
                      </td>
                      <td>
                        <ConfigStatusBadge status={item.status} />{" "}
                        {item.pendingDelete && <Badge tone="danger">removed at next publish</Badge>}
                      </td>
                      <td className="num">{item.revision}</td>
                      <td className="num">{item.publishedVersion ?? "—"}</td>
                      <td>{formatDateTime(item.updatedAt)}</td>
                      <td>{item.updatedByName || formatActor(item.updatedBy)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </div>
  );
}

function groupByNamespace(items: ConfigItemSummary[]): Array<[string, ConfigItemSummary[]]> {
  const groups = new Map<string, ConfigItemSummary[]>();
  for (const item of items) groups.set(item.namespace, [...(groups.get(item.namespace) ?? []), item]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ns, rows]) => [ns, rows.sort((a, b) => a.entity.localeCompare(b.entity) || a.key.localeCompare(b.key))]);
}
