// /crm: every entity of the published snapshot and the views this user may use.
import { useMemo } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { roleAtLeast } from "@shared/roles";
import { buildNavigation } from "../../config/navigation";
import { loadConfig, useRuntimeConfigStore } from "../../state/runtime-config";
import { useSession } from "../../state/session";
import { entitySingular } from "./entity-guard";

export function CrmOverviewPage() {
  const { snapshot, status, error, version } = useRuntimeConfigStore();
  const role = useSession((s) => s.role);
  const entities = useMemo(() => buildNavigation(snapshot, role).crm, [snapshot, role]);

  if (!snapshot && status === "loading") return <Loading label="Loading configuration…" />;
  if (!snapshot && status === "error") {
    return <ErrorState title="Couldn't load the configuration" error={error} onRetry={() => void loadConfig()} />;
  }

  return (
    <div className="page">
      <PageHeader
        title="CRM"
        description={version !== null ? <>Configuration version {version}</> : undefined}
      />
      {entities.length === 0 ? (
        <EmptyState title="No CRM configuration published yet">
          {role === "admin"
            ? <p>Publish a default form for an entity to get started. <Link to="/studio">Open the Studio</Link></p>
            : <p>An admin of your workspace has to publish one first.</p>}
        </EmptyState>
      ) : (
        <ul className="card-grid" aria-label="Entities">
          {entities.map((entity) => (
            <li key={entity.entity} className="card">
              <h2 className="card-title"><Link to={entity.to}>{entity.label}</Link></h2>
              {entity.views.length === 0 ? (
                <p className="muted">No views for your role yet.</p>
              ) : (
                <ul className="link-list" aria-label={`${entity.label} views`}>
                  {entity.views.map((view) => (
                    <li key={view.to}><Link to={view.to}>{view.label}</Link></li>
                  ))}
                </ul>
              )}
              {role && roleAtLeast(role, "agent") && (
                <p className="card-action">
                  <Link className="button button-small" to={`/crm/${entity.entity}/new`}>
                    New {entitySingular(snapshot, entity.entity).toLowerCase()}
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
