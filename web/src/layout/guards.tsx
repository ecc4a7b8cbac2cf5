// Route guards: signed in, signed out, admin.
import type { ReactNode } from "react";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { PageHeader } from "../components/page-header";
import { useSession } from "../state/session";

export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useSession((s) => s.token);
  const location = useLocation();
  if (!token) return <Navigate to="/login" replace state={{ from: location }} />;
  return children;
}

/** Login and register: once signed in, go back where the user was sent from, or to the CRM. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const token = useSession((s) => s.token);
  const location = useLocation();
  if (token) return <Navigate to={returnPath(location.state)} replace />;
  return children;
}

function returnPath(state: unknown): string {
  const from = (state as { from?: { pathname?: unknown; search?: unknown } } | null)?.from;
  if (typeof from?.pathname !== "string" || !from.pathname.startsWith("/") || from.pathname === "/login") return "/crm";
  return from.pathname + (typeof from.search === "string" ? from.search : "");
}

/** The audit log: managers and admins (GET /api/admin/audit allows manager+). */
export function RequireManager({ children }: { children: ReactNode }) {
  const role = useSession((s) => s.role);
  if (role !== "admin" && role !== "manager") {
    return (
      <div className="page">
        <PageHeader title="You need the manager role" />
        <p>The audit log is open to managers and admins of your workspace.</p>
        <p>
          <Link to="/crm">Back to the CRM</Link>
        </p>
      </div>
    );
  }
  return children;
}

export function RequireAdmin() {
  const role = useSession((s) => s.role);
  if (role !== "admin") return <AdminRequired />;
  return <Outlet />;
}

function AdminRequired() {
  return (
    <div className="page">
      <PageHeader title="You need the admin role" />
      <p>
        The Studio is where admins change the configuration and manage members. Ask an admin of your workspace if you
        need access.
      </p>
      <p>
        <Link to="/crm">Back to the CRM</Link>
      </p>
    </div>
  );
}
