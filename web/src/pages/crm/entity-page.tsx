// /crm/:entity and /crm/:entity/views/:view: the view's title, its tabs, the renderer for its type,
// and CSV export (everyone) and import (agents and up).
import { useState } from "react";
import { Link, Navigate, NavLink, useParams } from "react-router";
import type { ViewConfig } from "@shared/config/view";
import { roleAtLeast } from "@shared/roles";
import { PageHeader } from "../../components/page-header";
import { Alert, EmptyState } from "../../components/status";
import { visibleViews } from "../../config/navigation";
import { formColumns } from "../../renderers/shared/columns";
import { ViewRenderer, type ViewQuery } from "../../renderers/view-renderer";
import { prefetchRecordPage } from "./record/queries";
import { useForm, useView } from "../../state/config-hooks";
import { useRuntimeConfigStore } from "../../state/runtime-config";
import { useSession } from "../../state/session";
import { ExportCsvButton } from "./csv/export-button";
import { ImportCsvButton } from "./csv/import-dialog";
import { EntityGuard, useEntityNames } from "./entity-guard";

export function EntityPage() {
  const { entity = "" } = useParams();
  return (
    <EntityGuard entity={entity}>
      <EntityViews entity={entity} />
    </EntityGuard>
  );
}

function EntityViews({ entity }: { entity: string }) {
  const { view: viewParam } = useParams();
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const role = useSession((s) => s.role);
  const views = visibleViews(snapshot, entity, role);
  // Without a view in the URL: the `default` view, else the first one this role sees.
  const viewKey = viewParam ?? (snapshot?.view?.[entity]?.default ? "default" : views[0]?.key);
  const form = useForm(entity);
  const view = useView(entity, viewKey ?? "");
  const { singular, plural } = useEntityNames(entity);
  const [viewQuery, setViewQuery] = useState<{ key: string; query: ViewQuery }>({ key: "", query: {} });
  const [exportError, setExportError] = useState<{ entity: string; text: string } | null>(null);

  // The entity's own address shows its default view under that view's address, so navigation marks it.
  if (!viewParam && view && viewKey) return <Navigate to={`/crm/${entity}/views/${viewKey}`} replace />;
  if (viewParam && !view) {
    return (
      <div className="page">
        <PageHeader title="Unknown view" />
        <EmptyState title={`${plural} has no view “${viewParam}”`}>
          <p>
            <Link to={`/crm/${entity}`}>Back to {plural}</Link>
          </p>
        </EmptyState>
      </div>
    );
  }

  const title = view?.title?.trim() || plural;
  // No view published: a table of the form's first fields.
  const shown: ViewConfig = view ?? {
    title,
    type: "table",
    columns: formColumns(form, role ?? "read_only").map((c) => ({ field: c.field })),
  };
  const canCreate = role !== null && roleAtLeast(role, "agent");
  // The export follows what the table shows: its search, filters and sort (kept per view).
  const queryKey = `${entity}/${viewKey ?? ""}`;
  const query = viewQuery.key === queryKey ? viewQuery.query : {};
  const exportQuery = { view: view ? viewKey : undefined, ...query };

  return (
    <div className={`page${shown.type === "kanban" ? " page-wide" : ""}`}>
      <PageHeader
        title={title}
        description={view && view.title ? plural : undefined}
        actions={
          <>
            <ExportCsvButton
              entity={entity}
              query={exportQuery}
              onError={(text) => setExportError(text ? { entity, text } : null)}
            />
            {canCreate && <ImportCsvButton entity={entity} plural={plural} />}
            {canCreate && (
              <Link className="button button-primary" to={`/crm/${entity}/new`}>
                New {singular.toLowerCase()}
              </Link>
            )}
          </>
        }
      />
      {exportError?.entity === entity && <Alert>{exportError.text}</Alert>}
      {views.length > 1 && (
        <nav className="tabs" aria-label={`${plural} views`}>
          {views.map((v) => (
            <NavLink key={v.to} to={v.to} className="tab">
              {v.label}
            </NavLink>
          ))}
        </nav>
      )}
      {shown.columns.length === 0 ? (
        <EmptyState title="This view has no columns" />
      ) : (
        <ViewRenderer
          entity={entity}
          viewKey={view ? viewKey : undefined}
          view={shown}
          caption={title}
          onQueryChange={(q) => setViewQuery({ key: queryKey, query: q })}
          onRecordIntent={(id) => prefetchRecordPage(entity, id)}
        />
      )}
    </div>
  );
}
