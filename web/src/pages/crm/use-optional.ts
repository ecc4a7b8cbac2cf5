// Endpoints that other issues are still building: a 404 means "not here yet", shown as nothing
// (or a calm note), not as an error. Once an endpoint family has answered 404 it isn't asked
// again for a while, so a busy record page doesn't fill the console with the same 404.
import type { DependencyList } from "react";
import { ApiError } from "../../api/client";
import { useAsync } from "../../lib/use-async";
import { onSessionReset } from "../../renderers/shared/session-reset";

const RETRY_AFTER_MS = 5 * 60_000;
const missingSince = new Map<string, number>();
onSessionReset(() => missingSince.clear());

export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** `family` names the endpoint ("sla", "approvals"…) whose absence is remembered. */
export function useOptional<T>(family: string, load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const state = useAsync(async (signal) => {
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
  }, deps);
  return { ...state, unavailable: state.status === "error" && isMissing(state.error) };
}
