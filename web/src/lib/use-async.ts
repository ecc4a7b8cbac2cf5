// Load something for a page, with loading / error / data states and a reload.
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export type AsyncState<T> =
  | { status: "loading"; data: T | undefined; error: null }
  | { status: "ready"; data: T; error: null }
  | { status: "error"; data: T | undefined; error: unknown };

export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): AsyncState<T> & { reload: () => void; setData: (update: (data: T | undefined) => T) => void } {
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback(
    (update: (data: T | undefined) => T) => setState({ status: "ready", data: update(state.data), error: null }),
    [state.data],
  );
  return { ...state, reload, setData };
}
