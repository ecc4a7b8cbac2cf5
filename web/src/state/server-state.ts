// Server state through TanStack Query: one client for the app (cache, de-duplication, retries),
// invalidated by the realtime socket, and `useApiQuery` for screens that load something.
import { QueryClient, type QueryKey, useQuery } from "@tanstack/react-query";
import type { ServerMessage } from "@shared/protocol";
import { ApiError } from "../api/client";
import type { AsyncState } from "../lib/use-async";
import { onSessionReset } from "../renderers/shared/session-reset";

/** Network failures and 5xx are retried twice; a 4xx is an answer, never retried. */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (failures >= 2) return false;
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

/** The app's client: module-level so the socket can invalidate without a React context. */
export const queryClient = createQueryClient();

// Nothing of one session is shown to the next.
onSessionReset(() => queryClient.clear());

/** Query keys, so a screen and the realtime invalidation agree on them. */
export const keys = {
  records: (entity: string) => ["records", entity] as const,
  record: (entity: string, id: string) => ["records", entity, id] as const,
  config: ["config"] as const,
  admin: (name: string) => ["admin", name] as const,
  work: (name: string) => ["work", name] as const,
};

/**
 * A record changed: what is about that record (its page: the record, related lists, timeline) and
 * the entity's lists are stale — not every other record of the entity. A publish: every
 * config-derived list is.
 */
export function invalidateFor(message: ServerMessage, client: QueryClient = queryClient): void {
  if (message.type === "record.changed") {
    void client.invalidateQueries({ queryKey: keys.record(message.entity, message.id) });
    void client.invalidateQueries({ queryKey: keys.records(message.entity), exact: true });
  }
  if (message.type === "config.published") void client.invalidateQueries({ queryKey: keys.config });
  if (message.type === "approval.requested" || message.type === "approval.decided") {
    void client.invalidateQueries({ queryKey: keys.work("approvals") });
  }
  if (message.type === "job.progress") void client.invalidateQueries({ queryKey: keys.work("jobs") });
}

/**
 * `useAsync`'s shape over useQuery: `status` loading / ready / error, the last `data` kept while
 * reloading, and `reload`. Uses the app's client, so no provider is needed to render a screen.
 */
export function useApiQuery<T>(
  queryKey: QueryKey,
  load: (signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean; refetchInterval?: number | false } = {},
): AsyncState<T> & { reload: () => void } {
  const query = useQuery({ queryKey, queryFn: ({ signal }) => load(signal), ...options }, queryClient);
  const reload = () => void query.refetch();
  if (query.status === "error") return { status: "error", data: query.data, error: query.error, reload };
  if (query.status === "success") return { status: "ready", data: query.data, error: null, reload };
  return { status: "loading", data: undefined, error: null, reload };
}
