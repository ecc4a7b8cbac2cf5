// Server state through TanStack Query: one client for the app (cache, de-duplication, retries),
// invalidated by the realtime socket, and `useApiQuery` for screens that load something.
import { keepPreviousData, QueryClient, type QueryKey, useQuery } from "@tanstack/react-query";
import type { ServerMessage } from "@shared/protocol";
import { ApiError } from "../api/client";
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
  /** What a publish changes (config items, versions, drafts, a sandbox's diff): under `config`. */
  studio: (name: string, ...params: unknown[]) => ["config", name, ...params] as const,
  admin: (name: string, ...params: unknown[]) => ["admin", name, ...params] as const,
  work: (name: string, ...params: unknown[]) => ["work", name, ...params] as const,
  templates: ["templates"] as const,
};

/** A publish, rollback or promotion from this tab: every config-derived query is stale. */
export function invalidateConfig(client: QueryClient = queryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: keys.config });
}

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

/** What a screen shows of something it loads: the last data is kept while reloading or after a failed reload. */
export type AsyncState<T> =
  | { status: "loading"; data: T | undefined; error: null }
  | { status: "ready"; data: T; error: null }
  | { status: "error"; data: T | undefined; error: unknown };

export interface ApiQueryOptions {
  enabled?: boolean;
  /** Poll every n ms while the page is visible (TanStack pauses it in the background). */
  refetchInterval?: number | false;
  /** How long an answer counts as fresh (default 10 s); 0 asks again on every mount, showing the cache meanwhile. */
  staleTime?: number;
  /** Show the previous key's data while a new key (another filter, another page) loads. */
  keepPrevious?: boolean;
}

/**
 * useQuery as a screen reads it: an AsyncState, `reload`, and when the data last arrived (`updatedAt`,
 * 0 before). Uses the app's client, so no provider is needed to render a screen.
 */
export function useApiQuery<T>(
  queryKey: QueryKey,
  load: (signal: AbortSignal) => Promise<T>,
  options: ApiQueryOptions = {},
): AsyncState<T> & { reload: () => void; updatedAt: number } {
  const { keepPrevious, ...rest } = options;
  const query = useQuery(
    {
      queryKey,
      queryFn: ({ signal }) => load(signal),
      ...(keepPrevious && { placeholderData: keepPreviousData }),
      ...rest,
    },
    queryClient,
  );
  const reload = () => void query.refetch();
  const updatedAt = query.dataUpdatedAt;
  if (query.status === "error") return { status: "error", data: query.data, error: query.error, reload, updatedAt };
  if (query.status === "success") return { status: "ready", data: query.data, error: null, reload, updatedAt };
  return { status: "loading", data: undefined, error: null, reload, updatedAt };
}
