// Every route of the app. `createBrowserRouter(routes)` in main.tsx; tests use a memory router.
import { Navigate, type RouteObject } from "react-router";
import { AppLayout } from "./layout/app-layout";
import { RedirectIfSignedIn, RequireAdmin, RequireAuth, RequireManager } from "./layout/guards";
import { Root } from "./layout/root";
import { CrmOverviewPage } from "./pages/crm/overview-page";
import { EntityPage } from "./pages/crm/entity-page";
import { LazyDashboardPage, LazyRecordNewPage, LazyRecordPage } from "./pages/crm/lazy";
import { prefetchRecordPage } from "./pages/crm/record/queries";
import { ActivitiesPage } from "./pages/crm/work/activities-page";
import { ApprovalsPage } from "./pages/crm/work/approvals-page";
import { InboxPage } from "./pages/crm/work/inbox-page";
import { ThreadPage } from "./pages/crm/work/thread-page";
import { JobsPage } from "./pages/crm/jobs/jobs-page";
import { LoginPage } from "./pages/login-page";
import { NotFoundPage } from "./pages/not-found-page";
import { RegisterPage } from "./pages/register-page";
import { RouteErrorPage } from "./pages/route-error-page";
import { AuditPage } from "./pages/studio/audit-page";
import { EmailsPage } from "./pages/studio/automation/emails-page";
import { RunsPage } from "./pages/studio/automation/runs-page";
import { SecretsPage } from "./pages/studio/secrets-page";
import { TenantPage } from "./pages/studio/tenant-page";
import { ConfigItemsPage } from "./pages/studio/config-items-page";
import { LazyItemPage, LazyNewItemPage, LazyPublishPage } from "./pages/studio/lazy";
import { MembersPage } from "./pages/studio/members-page";
import { ApiKeysPage } from "./pages/studio/api-keys-page";
import { SandboxesPage } from "./pages/studio/sandboxes-page";
import { VersionsPage } from "./pages/studio/versions-page";

export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: "/login",
        element: (
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        path: "/register",
        element: (
          <RedirectIfSignedIn>
            <RegisterPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { path: "/", element: <Navigate to="/crm" replace /> },
          { path: "/crm", element: <CrmOverviewPage /> },
          { path: "/crm/:entity", element: <EntityPage /> },
          { path: "/crm/:entity/views/:view", element: <EntityPage /> },
          { path: "/crm/:entity/new", element: <LazyRecordNewPage /> },
          // The loader starts the page's code and data together (pages/crm/record/queries.ts).
          {
            path: "/crm/:entity/:id",
            element: <LazyRecordPage />,
            loader: ({ params }) => prefetchRecordPage(params.entity!, params.id!),
          },
          { path: "/crm/dashboard", element: <LazyDashboardPage /> },
          { path: "/crm/dashboard/:key", element: <LazyDashboardPage /> },
          { path: "/crm/inbox", element: <InboxPage /> },
          { path: "/crm/inbox/:caseId", element: <ThreadPage /> },
          { path: "/crm/jobs", element: <JobsPage /> },
          { path: "/crm/activities", element: <ActivitiesPage /> },
          { path: "/crm/approvals", element: <ApprovalsPage /> },
          // Every member manages their own keys, so this Studio page is outside the admin guard.
          { path: "/studio/keys", element: <ApiKeysPage /> },
          {
            path: "/studio/audit",
            element: (
              <RequireManager>
                <AuditPage />
              </RequireManager>
            ),
          },
          {
            path: "/studio",
            element: <RequireAdmin />,
            children: [
              { index: true, element: <ConfigItemsPage /> },
              { path: "items/:namespace/:entity/:key", element: <LazyItemPage /> },
              { path: "new", element: <LazyNewItemPage /> },
              { path: "publish", element: <LazyPublishPage /> },
              { path: "versions", element: <VersionsPage /> },
              { path: "sandboxes", element: <SandboxesPage /> },
              { path: "members", element: <MembersPage /> },
              { path: "runs", element: <RunsPage /> },
              { path: "emails", element: <EmailsPage /> },
              { path: "secrets", element: <SecretsPage /> },
              { path: "tenant", element: <TenantPage /> },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
