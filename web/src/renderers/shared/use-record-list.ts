// A view's records for one query (view, sort, q, where): an infinite query under
// `keys.records(entity)` + the query's params, keyset "load more", and live updates. On
// `record.changed` the row is asked for again *through the same query* (plus `id = <id>`), so a
// record that no longer matches the view leaves it; deletes just leave. Optimistic changes and
// the server's answers are written into the cache, so every screen showing the query agrees.
import {
  type InfiniteData,
  type QueryClient,
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useCallback, useEffect, useMemo } from "react";
import type { Condition } from "@shared/config/condition";
import { listRecords } from "../../api/records";
import type { CrmRecord, RecordPage } from "../../api/types";
import { subscribeRealtime } from "../../state/realtime";
import { keys, queryClient } from "../../state/server-state";

export interface ListParams {
  view?: string;
  sort?: string;
  q?: string;
  where?: Condition | null;
  limit?: number;
}

export interface RecordList {
  items: CrmRecord[];
  nextCursor: string | null;
  status: "loading" | "ready" | "error";
  error: unknown;
  loadingMore: boolean;
  moreError: unknown;
  loadMore(): void;
  reload(): void;
  /** Change a row in the cache (optimistic updates); the server's answer replaces it later. */
  update(id: string, change: (record: CrmRecord) => CrmRecord): void;
  /** Put the server's version of a row in place (or a row's earlier version back, to roll back). */
  put(record: CrmRecord): void;
}

type Pages = InfiniteData<RecordPage>;

// Past this many changed rows at once, refetching the loaded pages is cheaper than a request per row.
const MAX_ROW_REFRESHES = 10;

/** The list's query: its key carries the params as an object, so it never collides with a record id. */
export const recordListQuery = (entity: string, params: ListParams) =>
  infiniteQueryOptions({
    queryKey: [...keys.records(entity), { list: params }] as const,
    queryFn: ({ pageParam, signal }) => listRecords(entity, { ...params, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: RecordPage) => page.nextCursor ?? null,
    // Rows of a query asked again (a filter removed, a list reopened) show at once and are asked for anew.
    staleTime: 0,
  });

const withId = (where: Condition | null | undefined, id: string): Condition =>
  where ? { all: [where, { field: "id", op: "eq", value: id }] } : { field: "id", op: "eq", value: id };

/** Edit every loaded page of a list's cache; nothing when it isn't loaded. */
function editPages(
  client: QueryClient,
  queryKey: readonly unknown[],
  edit: (items: CrmRecord[], page: number) => CrmRecord[],
) {
  client.setQueryData<Pages>(queryKey, (data) =>
    data ? { ...data, pages: data.pages.map((p, i) => ({ ...p, items: edit(p.items ?? [], i) })) } : data,
  );
}

/** The row in place where it is; a row not shown yet (created, or now matching) goes on top. */
export function putRow(client: QueryClient, queryKey: readonly unknown[], record: CrmRecord, atTop = false): void {
  const data = client.getQueryData<Pages>(queryKey);
  const shown = data?.pages.some((p) => p.items?.some((r) => r.id === record.id));
  if (!shown && !atTop) return;
  editPages(client, queryKey, (items, page) =>
    shown ? items.map((r) => (r.id === record.id ? record : r)) : page === 0 ? [record, ...items] : items,
  );
}

const removeRow = (client: QueryClient, queryKey: readonly unknown[], id: string) =>
  editPages(client, queryKey, (items) => items.filter((r) => r.id !== id));

/** Ask for the changed row through the list's own query: it comes back, or it no longer matches. */
async function refreshRow(client: QueryClient, entity: string, params: ListParams, id: string) {
  const { queryKey } = recordListQuery(entity, params);
  try {
    const page = await listRecords(entity, {
      view: params.view,
      q: params.q,
      where: withId(params.where, id),
      limit: 1,
    });
    const record = page.items?.[0];
    if (record) putRow(client, queryKey, record, true);
    else removeRow(client, queryKey, id);
  } catch {
    // A failed refresh leaves the row as it was; the next change or reload catches up.
  }
}

/** Rows from every loaded page; a row that moved while paging may come twice: keep the first. */
function flatten(data: Pages | undefined): CrmRecord[] {
  if (!data) return [];
  const seen = new Set<string>();
  const items: CrmRecord[] = [];
  for (const page of data.pages)
    for (const record of page.items ?? []) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      items.push(record);
    }
  return items;
}

function useLiveRows(entity: string, params: ListParams, key: string) {
  const client = useQueryClient(queryClient);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the params count by content (`key`), not identity
  useEffect(() => {
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { queryKey } = recordListQuery(entity, params);
    const flush = () => {
      const ids = [...pending];
      pending.clear();
      if (ids.length > MAX_ROW_REFRESHES) void client.invalidateQueries({ queryKey, exact: true });
      else ids.forEach((id) => void refreshRow(client, entity, params, id));
    };
    const unsubscribe = subscribeRealtime((message) => {
      if (message.type !== "record.changed" || message.entity !== entity) return;
      if (message.op === "deleted") return removeRow(client, queryKey, message.id);
      pending.add(message.id);
      clearTimeout(timer);
      timer = setTimeout(flush, 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, entity, key]);
}

export function useRecordList(entity: string, params: ListParams): RecordList {
  const client = useQueryClient(queryClient);
  const key = JSON.stringify([entity, params]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the params count by content (`key`), not identity
  const options = useMemo(() => recordListQuery(entity, params), [key]);
  // Another query (a new search, sort or filter) keeps the last rows on screen, marked busy, until it answers.
  const query = useInfiniteQuery({ ...options, placeholderData: keepPreviousData }, client);
  useLiveRows(entity, params, key);

  const { queryKey } = options;
  const items = useMemo(() => flatten(query.data), [query.data]);
  const moreFailed = query.isFetchNextPageError;
  const failed = query.isError && !moreFailed && !query.isFetching;
  const status = failed
    ? "error"
    : query.isPending || query.isPlaceholderData || (query.isError && query.isFetching)
      ? "loading"
      : "ready";

  const { fetchNextPage, hasNextPage, isFetching, refetch } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetching]);
  const reload = useCallback(() => void refetch(), [refetch]);
  const update = useCallback(
    (id: string, change: (record: CrmRecord) => CrmRecord) =>
      editPages(client, queryKey, (rows) => rows.map((r) => (r.id === id ? change(r) : r))),
    [client, queryKey],
  );
  const put = useCallback((record: CrmRecord) => putRow(client, queryKey, record), [client, queryKey]);

  return {
    items,
    nextCursor: query.isPlaceholderData ? null : (query.data?.pages.at(-1)?.nextCursor ?? null),
    status,
    error: failed ? query.error : null,
    loadingMore: query.isFetchingNextPage,
    moreError: moreFailed ? query.error : null,
    loadMore,
    reload,
    update,
    put,
  };
}
