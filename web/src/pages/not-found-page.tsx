import { Link } from "react-router";
import { PageHeader } from "../components/page-header";
import { AppLayout } from "../layout/app-layout";
import { useSession } from "../state/session";
import { AuthLayout } from "./auth-layout";

function NotFound({ home }: { home: string }) {
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      <p>There is nothing at this address. It may have moved, or the link may be wrong.</p>
      <p>
        <Link to={home}>Go to the start page</Link>
      </p>
    </div>
  );
}

/** Unknown routes: inside the app frame when signed in, on its own otherwise. */
export function NotFoundPage() {
  const token = useSession((s) => s.token);
  if (token)
    return (
      <AppLayout>
        <NotFound home="/crm" />
      </AppLayout>
    );
  return (
    <AuthLayout title="Page not found" footer={<Link to="/login">Sign in</Link>}>
      <p>There is nothing at this address.</p>
    </AuthLayout>
  );
}
