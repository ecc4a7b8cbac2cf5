// /crm/:entity and /crm/:entity/views/:view: the view's title, its columns, its records.
import { Link, Navigate, NavLink, useParams } from "react-router";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { titleCase } from "../../config/labels";
import { entityKeys, entityTitle, visibleViews } from "../../config/navigation";
import type { FormConfig, ViewConfig } from "../../config/types";
import { useForm, useView } from "../../state/config-hooks";
import { loadConfig, useRuntimeConfigStore } from "../../state/runtime-config";
import { useSession } from "../../state/session";
import { type Column, RecordsTable } from "./records-table";

export function EntityPage() {
  const { entity = "", view: viewParam } = useParams();
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const status = useRuntimeConfigStore((s) => s.status);
  const error = useRuntimeConfigStore((s) => s.error);
  const role = useSession((s) => s.role);
  const views = visibleViews(snapshot, entity, role);
  // Without a view in the URL: the `default` view, else the first one this role sees.
  const viewKey = viewParam ?? (snapshot?.view?.[entity]?.default ? "default" : views[0]?.key);
  const form = useForm(entity);
  const view = useView(entity, viewKey ?? "");

  if (!snapshot && status === "loading") return <Loading label="Loading configuration…" />;
  if (!snapshot) return <ErrorState title="Couldn't load the configuration" error={error} onRetry={() => void loadConfig()} />;

  if (!entityKeys(snapshot).includes(entity)) {
    return (
      <div className="page">
        <PageHeader title="Unknown entity" />
        <EmptyState title={`There is no “${entity}” in this workspace`}>
          <p><Link to="/crm">See all entities</Link></p>
        </EmptyState>
      </div>
    );
  }

  const label = entityTitle(snapshot, entity);
  // The entity's own address shows its default view under that view's address, so navigation marks it.
  if (!viewParam && view && viewKey) return <Navigate to={`/crm/${entity}/views/${viewKey}`} replace />;
  if (viewParam && !view) {
    return (
      <div className="page">
        <PageHeader title="Unknown view" />
        <EmptyState title={`${label} has no view “${viewParam}”`}>
          <p><Link to={`/crm/${entity}`}>Back to {label}</Link></p>
        </EmptyState>
      </div>
    );
  }

  const title = view?.title?.trim() || label;
  const columns = view ? viewColumns(view, form) : formColumns(form);

  return (
    <div className="page">
      <PageHeader title={title} description={view && view.title ? label : undefined} />
      {views.length > 1 && (
        <nav className="tabs" aria-label={`${label} views`}>
          {views.map((v) => <NavLink key={v.to} to={v.to} className="tab">{v.label}</NavLink>)}
        </nav>
      )}
      {columns.length === 0 ? (
        <EmptyState title="This view has no columns" />
      ) : (
        <RecordsTable entity={entity} view={view ? viewKey : undefined} pageSize={view?.pageSize} columns={columns} caption={title} />
      )}
    </div>
  );
}

function viewColumns(view: ViewConfig, form: FormConfig | undefined): Column[] {
  return view.columns.map((column) => {
    const field = form?.fields.find((f) => f.name === column.field);
    return {
      field: column.field,
      label: column.label ?? field?.label ?? titleCase(column.field),
      type: field?.type,
      options: field?.options,
      width: column.width,
    };
  });
}

/** No view: the first few fields of the default form. */
function formColumns(form: FormConfig | undefined): Column[] {
  return (form?.fields ?? [])
    .filter((f) => f.type !== "textarea")
    .slice(0, 6)
    .map((f) => ({ field: f.name, label: f.label ?? titleCase(f.name), type: f.type, options: f.options }));
}
