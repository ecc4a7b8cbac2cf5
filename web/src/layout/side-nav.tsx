// Side navigation generated from the published snapshot.
import { useMemo } from "react";
import { NavLink } from "react-router";
import { crmLinks } from "../config/crm-links";
import { buildNavigation } from "../config/navigation";
import { loadConfig, useRuntimeConfigStore } from "../state/runtime-config";
import { useSession } from "../state/session";

export function SideNav({ id }: { id?: string }) {
  const snapshot = useRuntimeConfigStore((s) => s.snapshot);
  const status = useRuntimeConfigStore((s) => s.status);
  const role = useSession((s) => s.role);
  const nav = useMemo(() => buildNavigation(snapshot, role), [snapshot, role]);

  return (
    <nav className="side-nav" id={id} aria-label="Main">
      <section className="nav-section" aria-labelledby="nav-crm">
        <h2 className="nav-heading" id="nav-crm">
          CRM
        </h2>
        <ul className="nav-list">
          <li>
            <NavLink to="/crm" end className="nav-link">
              Home
            </NavLink>
          </li>
          {crmLinks(snapshot, role).map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} className="nav-link">
                {link.label}
              </NavLink>
            </li>
          ))}
          {nav.crm.map((entity) => (
            <li key={entity.entity}>
              <NavLink to={entity.to} end className="nav-link">
                {entity.label}
              </NavLink>
              {entity.views.length > 0 && (
                <ul className="nav-list nav-sublist" aria-label={`${entity.label} views`}>
                  {entity.views.map((view) => (
                    <li key={view.to}>
                      <NavLink to={view.to} className="nav-link nav-sublink">
                        {view.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        {status === "loading" && !snapshot && (
          <p className="nav-note" role="status">
            Loading configuration…
          </p>
        )}
        {status === "error" && (
          <p className="nav-note">
            Couldn't load the configuration.{" "}
            <button type="button" className="link-button" onClick={() => void loadConfig()}>
              Retry
            </button>
          </p>
        )}
      </section>
      {nav.studio && (
        <section className="nav-section" aria-labelledby="nav-studio">
          <h2 className="nav-heading" id="nav-studio">
            Studio
          </h2>
          <ul className="nav-list">
            {nav.studio.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end className="nav-link">
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </section>
      )}
    </nav>
  );
}
