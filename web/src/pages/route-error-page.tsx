import { isRouteErrorResponse, Link, useRouteError } from "react-router";

/** Shown when rendering a route throws: a bug, but the user still gets a way out. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : "Unknown error";
  return (
    <main className="auth-main" id="main">
      <div className="auth-card" role="alert">
        <h1 className="auth-title">Something went wrong</h1>
        <p>The page failed to load. Reloading usually helps.</p>
        <pre className="error-detail">{message}</pre>
        <p className="row">
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload
          </button>
          <Link to="/crm" className="button">
            Go to the CRM
          </Link>
        </p>
      </div>
    </main>
  );
}
