// Run `onChange` (debounced) whenever a realtime message matches; pages refetch with it.
import { useEffect, useRef } from "react";
import type { ServerMessage } from "../../api/types";
import { subscribeRealtime } from "../../state/realtime";

export function useLive(matches: (message: ServerMessage) => boolean, onChange: () => void, delayMs = 250): void {
  const latest = useRef({ matches, onChange });
  latest.current = { matches, onChange };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeRealtime((message) => {
      if (!latest.current.matches(message)) return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current.onChange(), delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [delayMs]);
}
