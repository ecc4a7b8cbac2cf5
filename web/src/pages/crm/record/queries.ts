// A record page's server state: the record, its related lists and its timeline, under the
// record's key (state/server-state.ts) so a change to the record refreshes all three. The route's
// loader starts all of them at once with the page's code, instead of one after another.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { getRelated, getTimeline, type TimelineKind } from "../../../api/records-360";
import { getRecord } from "../../../api/records";
import type { CrmRecord } from "../../../api/types";
import { keys, queryClient } from "../../../state/server-state";
import { useSession } from "../../../state/session";
import { LazyRecordPage } from "../lazy";

export const TIMELINE_PAGE = 30;
/** The first page fills the first screen; the server's work grows with the page, so it is smaller. */
export const TIMELINE_FIRST_PAGE = 15;

export const recordKey = keys.record;

export const recordQuery = (entity: string, id: string) =>
  queryOptions({
    queryKey: [...recordKey(entity, id), "data"] as const,
    queryFn: ({ signal }) => getRecord(entity, id, signal),
    // Never step back to an older version than one already shown (a slow response after a save).
    structuralSharing: (old: unknown, next: unknown) =>
      old &&
      (old as CrmRecord).id === (next as CrmRecord).id &&
      (old as CrmRecord).version > (next as CrmRecord).version
        ? old
        : next,
  });

export const relatedQuery = (entity: string, id: string) =>
  queryOptions({
    queryKey: [...recordKey(entity, id), "related"] as const,
    queryFn: ({ signal }) => getRelated(entity, id, signal),
  });

export const timelineQuery = (entity: string, id: string, kinds: readonly TimelineKind[]) =>
  infiniteQueryOptions({
    queryKey: [...recordKey(entity, id), "timeline", kinds.join(",")] as const,
    queryFn: ({ pageParam, signal }) =>
      getTimeline(
        entity,
        id,
        { limit: pageParam === null ? TIMELINE_FIRST_PAGE : TIMELINE_PAGE, kinds, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/**
 * The route's loader: the page's code and its three queries, all at once (errors are the page's
 * to show). The navigation waits for the code only (cached after the first time), so the page
 * renders without a Suspense fallback and shows each answer as it comes.
 */
export function prefetchRecordPage(entity: string, id: string): Promise<null> | null {
  if (!useSession.getState().token) return null;
  const code = LazyRecordPage.preload().then(
    () => null,
    () => null, // the page's own Suspense shows a failed chunk
  );
  void queryClient.prefetchQuery(recordQuery(entity, id));
  void queryClient.prefetchQuery(relatedQuery(entity, id));
  void queryClient.prefetchInfiniteQuery(timelineQuery(entity, id, []));
  return code;
}
