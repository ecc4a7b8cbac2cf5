// The dashboard loads on first use: it brings recharts, which no other page needs. Record pages
// too: their forms bring the value rules (libphonenumber-js's metadata among them).
import { lazyPage } from "../../components/lazy-page";

export const LazyRecordPage = lazyPage(() => import("./record-page").then((m) => m.RecordPage), "Loading the record…");
export const LazyRecordNewPage = lazyPage(
  () => import("./record-new-page").then((m) => m.RecordNewPage),
  "Loading the form…",
);
export const LazyDashboardPage = lazyPage(
  () => import("./dashboard-page").then((m) => m.DashboardPage),
  "Loading the dashboard…",
);
