// The web app's server state (TanStack Query): one cache for the tab. Live updates come over the
// socket and invalidate what they touch (a `record.changed` refetches that record wherever it is
// shown); sign-out empties the cache, so nothing of one session is shown to the next.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client";
import { onSessionReset } from "../renderers/shared/session-reset";
import { subscribeRealtime } from "./realtime";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // What a route's loader prefetched is used by the page it opens, not asked for again.
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      // A 4xx is the answer (a 404 is "gone", a 403 "not yours"); a network error or 5xx is tried twice more.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

onSessionReset(() => queryClient.clear());

subscribeRealtime((message) => {
  if (message.type === "record.changed") void queryClient.invalidateQueries({ queryKey: ["record", message.entity, message.id] });
});
