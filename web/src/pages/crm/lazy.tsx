// The dashboard loads on first use: it brings recharts, which no other page needs. Record pages
// too: their forms bring the value rules (libphonenumber-js's metadata among them).
import { lazy, Suspense } from "react";
import { Loading } from "../../components/status";

const Dashboard = lazy(async () => ({ default: (await import("./dashboard-page")).DashboardPage }));
const Record = lazy(async () => ({ default: (await import("./record-page")).RecordPage }));
const RecordNew = lazy(async () => ({ default: (await import("./record-new-page")).RecordNewPage }));

export function LazyRecordPage() {
  return (
    <Suspense fallback={<Loading label="Loading the record…" />}>
      <Record />
    </Suspense>
  );
}

export function LazyRecordNewPage() {
  return (
    <Suspense fallback={<Loading label="Loading the form…" />}>
      <RecordNew />
    </Suspense>
  );
}

export function LazyDashboardPage() {
  return (
    <Suspense fallback={<Loading label="Loading the dashboard…" />}>
      <Dashboard />
    </Suspense>
  );
}
