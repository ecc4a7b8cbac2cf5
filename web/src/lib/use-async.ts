// Load something for a page, with loading / error / data states and a reload.
// Being replaced by useApiQuery (state/server-state.ts); deleted once nothing imports it.
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import type { AsyncState } from "../state/server-state";

export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading", data: undefined, error: null });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: "loading", data: s.data, error: null }));
    loadRef.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: "ready", data, error: null }),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ status: "error", data: s.data, error })),
    );
    return () => controller.abort();
  }, [...deps, tick]); // `load` is read through a ref: callers pass its inputs as deps

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
