import { useEffect, useState } from "react";

/** Whole seconds left until `until` (epoch ms), re-rendering once a second; 0 when past. */
export function useCountdown(until: number | null): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  // Read the clock while rendering, so the first render after a 429 already shows the wait.
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}
