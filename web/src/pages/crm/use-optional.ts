// Endpoints that other issues are still building: a 404 means "not here yet", shown as nothing
// (or a calm note), not as an error. Once an endpoint family has answered 404 it isn't asked
// again for a while, so a busy record page doesn't fill the console with the same 404.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError } from "../../api/client";
import type { AsyncState } from "../../state/server-state";
import { onSessionReset } from "../../renderers/shared/session-reset";
import { queryClient } from "../../state/server-state";

const RETRY_AFTER_MS = 5 * 60_000;
const missingSince = new Map<string, number>();
onSessionReset(() => missingSince.clear());

export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

async function ask<T>(family: string, load: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
  const since = missingSince.get(family);
  if (since !== undefined && Date.now() - since < RETRY_AFTER_MS)
    throw new ApiError(404, "not_found", "Not available yet");
  try {
    const data = await load(signal);
    missingSince.delete(family);
    return data;
  } catch (error) {
    if (isMissing(error)) missingSince.set(family, Date.now());
    throw error;
  }
}

/**
 * `family` names the endpoint ("sla", "approvals"…) whose absence is remembered; `family` and
 * `inputs` (what `load` asks with, plus any refresh tick) are the query's key. While a new key
 * loads, the last answer stays on screen.
 */
export function useOptional<T>(
  family: string,
  load: (signal: AbortSignal) => Promise<T>,
  inputs: readonly unknown[],
): AsyncState<T> & { reload: () => void; unavailable: boolean } {
  const query = useQuery(
    {
      queryKey: ["optional", family, ...inputs],
      queryFn: ({ signal }) => ask(family, load, signal),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
  const reload = () => void query.refetch();
  if (query.isError && !query.isFetching)
    return { status: "error", data: query.data, error: query.error, reload, unavailable: isMissing(query.error) };
  if (query.isSuccess && !query.isPlaceholderData)
    return { status: "ready", data: query.data, error: null, reload, unavailable: false };
  return { status: "loading", data: query.data, error: null, reload, unavailable: false };
}
