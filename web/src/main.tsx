import "./csp";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { setUnauthorizedHandler } from "./api/client";
import { routes } from "./routes";
import { queryClient } from "./state/server-state";
import "./styles.css";
import "./styles/crm.css";
import "./styles/studio.css";
import "./styles/desk.css";

const router = createBrowserRouter(routes);

// A rejected token: the client already cleared the session; go to sign-in and come back after.
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname !== "/login") void router.navigate("/login", { replace: true, state: { from: { pathname, search } } });
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
