// /crm: the home of each role. Agents see their work (open cases by SLA urgency, tasks due,
// approvals waiting for them, recent records); managers the same, approvals first, with the
// team's SLA numbers; read-only members what they looked at lately. Every entity below, to browse.
import { useMemo } from "react";
import { Link } from "react-router";
import { roleAtLeast, type Role } from "@shared/roles";
import { PageHeader } from "../../components/page-header";
import { EmptyState, ErrorState, Loading } from "../../components/status";
import { buildNavigation } from "../../config/navigation";
import { loadConfig, useRuntimeConfigStore } from "../../state/runtime-config";
import { useSession } from "../../state/session";
import { entitySingular } from "./entity-guard";
import { MyApprovalsCard, MyCasesCard, MyTasksCard, RecentCard } from "./home/home-cards";
import { TeamSlaCard } from "./home/team-card";

function greeting(hour = new Date().getHours()): string {
  return hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
}

export function CrmOverviewPage() {
  const { snapshot, status, error } = useRuntimeConfigStore();
  const role = useSession((s) => s.role);
  const name = useSession((s) => s.user?.name?.split(/\s+/)[0]);
  const entities = useMemo(() => buildNavigation(snapshot, role).crm, [snapshot, role]);

  if (!snapshot && status === "loading") return <Loading label="Loading configuration…" />;
  if (!snapshot && status === "error") {
    return <ErrorState title="Couldn't load the configuration" error={error} onRetry={() => void loadConfig()} />;
  }

  return (
    <div className="page home-page">
      <PageHeader
        title="Home"
        description={name ? `${greeting()}, ${name}. Here is what needs you.` : "Here is what needs you."}
      />
      {entities.length === 0 ? (
        <EmptyState title="No CRM configuration published yet">
          {role === "admin" ? (
            <p>
              Publish a default form for an entity to get started. <Link to="/studio">Open the Studio</Link>
            </p>
          ) : (
            <p>An admin of your workspace has to publish one first.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <HomeCards role={role} />
          <section className="home-browse" aria-labelledby="browse-title">
            <h2 className="section-title" id="browse-title">
              Browse
            </h2>
            <ul className="card-grid" aria-label="Entities">
              {entities.map((entity) => (
                <li key={entity.entity} className="card">
                  <h2 className="card-title">
                    <Link to={entity.to}>{entity.label}</Link>
                  </h2>
                  {entity.views.length === 0 ? (
                    <p className="muted">No views for your role yet.</p>
                  ) : (
                    <ul className="link-list" aria-label={`${entity.label} views`}>
                      {entity.views.map((view) => (
                        <li key={view.to}>
                          <Link to={view.to}>{view.label}</Link>
                        </li>
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
          </section>
        </>
      )}
    </div>
  );
}

function HomeCards({ role }: { role: Role | null }) {
  if (!role || !roleAtLeast(role, "agent")) {
    return (
      <div className="home-grid">
        <RecentCard />
      </div>
    );
  }
  if (roleAtLeast(role, "manager")) {
    return (
      <div className="home-grid">
        <MyApprovalsCard />
        <TeamSlaCard />
        <MyCasesCard />
        <MyTasksCard />
        <RecentCard />
      </div>
    );
  }
  return (
    <div className="home-grid">
      <MyCasesCard />
      <MyTasksCard />
      <MyApprovalsCard />
      <RecentCard />
    </div>
  );
}
