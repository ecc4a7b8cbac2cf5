// While someone is signed in: load the config, keep the socket open, refresh who they are.
import { useEffect } from "react";
import { me } from "../api/auth";
import { resetConfig, syncConfig } from "./runtime-config";
import { startRealtime, useConnectionStore } from "./realtime";
import { SESSION_STORAGE_KEY, useSession } from "./session";

export function useSessionRuntime(): void {
  const token = useSession((s) => s.token);

  useEffect(() => {
    if (!token) return;
    void syncConfig();
    me().then(
      (who) => useSession.getState().token === token && useSession.getState().update(who),
      () => undefined,
    );
    const stop = startRealtime(token);
    return () => {
      stop();
      resetConfig();
      useConnectionStore.setState({ status: "idle" });
    };
  }, [token]);

  // Signing in or out in another tab does the same here.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_STORAGE_KEY) void useSession.persist.rehydrate();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
}
