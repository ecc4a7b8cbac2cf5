// The record's related records: every entity whose reference field points at it, one card per
// (entity, field), with its count, a sort and "New <related>" pre-filled with the reference.
import { useQuery } from "@tanstack/react-query";
import { memo, useMemo, useState } from "react";
import type { FormConfig } from "@shared/config/form";
import type { WorkflowConfig } from "@shared/config/workflow";
import { Link } from "react-router";
import { roleAtLeast } from "@shared/roles";
import type { RelatedGroup } from "../../../api/records-360";
import type { CrmRecord } from "../../../api/types";
import { ErrorState } from "../../../components/status";
import { CellValue } from "../../../renderers/shared/cell-value";
import { columnValue, recordTitle, resolveColumn, type ColumnSpec } from "../../../renderers/shared/columns";
import { useRuntimeConfigStore } from "../../../state/runtime-config";
import { useSession } from "../../../state/session";
import { isFormConfig, isWorkflowConfig } from "../../../config/types";
import { entitySingular } from "../entity-guard";
import { isMissing } from "../use-optional";
import { relatedQuery } from "./queries";
import { useRefetchOnChange } from "./use-refetch-on-change";

export function RelatedLists({ entity, id, refresh }: { entity: string; id: string; refresh: number }) {
  const related = useQuery(relatedQuery(entity, id));
  useRefetchOnChange(refresh, related.refetch);
  if (isMissing(related.error)) return null;
  return (
    <section className="related-lists" aria-labelledby="related-title">
      <h2 className="section-title" id="related-title">
        Related
      </h2>
      {related.isError && !related.data && (
        <ErrorState
          title="Couldn't load related records"
          error={related.error}
          onRetry={() => void related.refetch()}
        />
      )}
      {related.isPending && (
        <div className="panel skeleton" aria-busy="true">
          <p className="muted">Loading related records…</p>
        </div>
      )}
      {related.data?.length === 0 && <p className="muted">Nothing points at this record yet.</p>}
      {related.data?.map((group) => (
        <RelatedCard key={`${group.entity}.${group.field}`} group={group} recordId={id} />
      ))}
    </section>
  );
}

type Sort = "newest" | "oldest" | `${string}:asc` | `${string}:desc`;

function RelatedCard({ group, recordId }: { group: RelatedGroup; recordId: string }) {
  const role = useSession((s) => s.role) ?? "read_only";
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const rawForm = snapshot?.form?.[group.entity]?.default;
  const form = isFormConfig(rawForm) ? rawForm : undefined;
  const rawWorkflow = snapshot?.workflow?.[group.entity]?.default;
  const workflow = isWorkflowConfig(rawWorkflow) ? rawWorkflow : undefined;
  const singular = entitySingular(snapshot, group.entity);
  const [sort, setSort] = useState<Sort>("newest");
  const columns = useMemo(
    () =>
      group.columns
        .map((c) => resolveColumn(form, c, role))
        .filter((c): c is ColumnSpec => c !== null)
        .slice(0, 5),
    [group.columns, form, role],
  );
  const items = useMemo(() => sortItems(group.items, sort), [group.items, sort]);
  const headingId = `related-${group.entity}-${group.field}`;
  const more = group.total - group.items.length;

  return (
    <article className="panel related-card" aria-labelledby={headingId}>
      <header className="related-card-header">
        <h3 className="related-card-title" id={headingId}>
          {group.title}{" "}
          <span className="count" aria-label={`${group.total} in all`}>
            {group.total}
          </span>
        </h3>
        {group.items.length > 1 && (
          <label className="related-sort">
            <span className="visually-hidden">Sort {group.title}</span>
            <select className="input input-compact" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              {columns.map((c) => (
                <option key={`${c.field}:asc`} value={`${c.field}:asc`}>
                  {c.label} ↑
                </option>
              ))}
              {columns.map((c) => (
                <option key={`${c.field}:desc`} value={`${c.field}:desc`}>
                  {c.label} ↓
                </option>
              ))}
            </select>
          </label>
        )}
        {roleAtLeast(role, "agent") && (
          <Link
            className="button button-small"
            to={`/crm/${group.entity}/new?${new URLSearchParams({ [group.field]: recordId })}`}
          >
            New {singular.toLowerCase()}
          </Link>
        )}
      </header>
      {items.length === 0 ? (
        <p className="muted">No {group.title.toLowerCase()} yet.</p>
      ) : (
        <div className="table-wrap table-compact">
          <table className="table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.field} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <RelatedRow
                  key={r.id}
                  entity={group.entity}
                  record={r}
                  columns={columns}
                  form={form}
                  workflow={workflow}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more > 0 && (
        <p className="related-more muted">
          Showing the newest {group.items.length} of {group.total}.{" "}
          <Link to={`/crm/${group.entity}`}>All {group.title.toLowerCase()}</Link>
        </p>
      )}
    </article>
  );
}

// A row renders once per version of its record (sorting moves rows, it doesn't redraw them).
const RelatedRow = memo(function RelatedRow({
  entity,
  record,
  columns,
  form,
  workflow,
}: {
  entity: string;
  record: CrmRecord;
  columns: ColumnSpec[];
  form: FormConfig | undefined;
  workflow: WorkflowConfig | undefined;
}) {
  return (
    <tr>
      {columns.map((c, i) => (
        <td key={c.field} className="cell-truncate">
          {i === 0 ? (
            <Link to={`/crm/${entity}/${encodeURIComponent(record.id)}`} title={recordTitle(record, form)}>
              <CellValue column={c} record={record} workflow={workflow} />
            </Link>
          ) : (
            <CellValue column={c} record={record} workflow={workflow} />
          )}
        </td>
      ))}
    </tr>
  );
});

function sortItems(items: CrmRecord[], sort: Sort): CrmRecord[] {
  const copy = [...items];
  if (sort === "newest") return copy.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  if (sort === "oldest") return copy.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  const [field, dir] = sort.split(":") as [string, "asc" | "desc"];
  const sign = dir === "asc" ? 1 : -1;
  return copy.sort((a, b) => sign * compare(columnValue(a, field), columnValue(b, field)));
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}
