// Caches that must not outlive a session: cleared when the runtime config is reset (sign-out).
import { useRuntimeConfigStore } from "../../state/runtime-config";

const resets = new Set<() => void>();
let wired = false;

export function onSessionReset(reset: () => void): void {
  resets.add(reset);
  if (wired) return;
  wired = true;
  useRuntimeConfigStore.subscribe((state, previous) => {
    if (state.snapshot === null && previous.snapshot !== null) resets.forEach((fn) => fn());
  });
}
