// The dashboard loads on first use: it brings recharts, which no other page needs.
import { lazy, Suspense } from "react";
import { Loading } from "../../components/status";

const Dashboard = lazy(async () => ({ default: (await import("./dashboard-page")).DashboardPage }));

export function LazyDashboardPage() {
  return (
    <Suspense fallback={<Loading label="Loading the dashboard…" />}>
      <Dashboard />
    </Suspense>
  );
}
