// The signed-in user: name, role, workspace and sign out, in a disclosure panel.
import { Link } from "react-router";
import { logout } from "../api/auth";
import { titleCase } from "../config/labels";
import { useSession } from "../state/session";
import { usePopover } from "../lib/use-popover";

export function UserMenu() {
  const { user, tenant, role, signOut } = useSession();
  const { open, setOpen, panelId, rootRef, buttonRef } = usePopover();

  if (!user) return null;
  const initials =
    user.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join("") || "?";

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-menu-name">{user.name}</span>
        <span className="visually-hidden">, account menu</span>
      </button>
      {open && (
        <div className="user-menu-panel" id={panelId}>
          <p className="user-menu-who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
          </p>
          <dl className="user-menu-facts">
            <dt>Role</dt>
            <dd>{role ? titleCase(role) : "—"}</dd>
            <dt>Workspace</dt>
            <dd>{tenant?.name ?? "—"}</dd>
          </dl>
          <Link className="button button-block" to="/studio/keys" onClick={() => setOpen(false)}>
            API keys
          </Link>
          <button
            type="button"
            className="button button-block"
            onClick={() => {
              // The request carries the token before it is forgotten; signing out here doesn't wait for it.
              logout().catch(() => undefined);
              signOut();
            }}
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
