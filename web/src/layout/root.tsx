import { Outlet } from "react-router";
import { useSessionRuntime } from "../state/session-runtime";
import { useApplyTheme } from "../theme/apply-theme";

/** Above every route: theme on <html>, and the signed-in session's config + socket. */
export function Root() {
  useApplyTheme();
  useSessionRuntime();
  return <Outlet />;
}
