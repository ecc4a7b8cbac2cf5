// Runs before every web test file: a clean DOM, storage and stores for each test.
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { resetStores } from "./helpers";
import { FakeWebSocket } from "./fake-websocket";
import { queryClient } from "../../web/src/state/query-client";

// findBy…/waitFor wait for a condition; give a loaded machine time to meet it (default 1 s).
configure({ asyncUtilTimeout: 10_000 });
// The app's retries of a failed query (state/query-client.ts) happen at once here, not after seconds.
queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retryDelay: 0 } });

beforeEach(() => {
  // No test opens a real socket; the realtime tests drive FakeWebSocket by hand.
  vi.stubGlobal("WebSocket", FakeWebSocket);
  FakeWebSocket.instances = [];
});

afterEach(() => {
  cleanup();
  resetStores();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
  document.documentElement.removeAttribute("style");
});
