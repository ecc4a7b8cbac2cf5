// Runs before every web test: a clean DOM, storage and stores for each test (files share one jsdom).
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { resetStores, takeContractViolations } from "./helpers";
import { FakeWebSocket } from "./fake-websocket";
import { queryClient } from "../../web/src/state/server-state";

// findBy…/waitFor wait for a condition; give a loaded machine time to meet it (default 1 s).
configure({ asyncUtilTimeout: 10_000 });
// A failed request shows its error at once in tests (the app retries network errors and 5xx).
queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });

beforeEach(() => {
  // No test opens a real socket; the realtime tests drive FakeWebSocket by hand.
  vi.stubGlobal("WebSocket", FakeWebSocket);
  FakeWebSocket.instances = [];
});

afterEach(() => {
  const drift = takeContractViolations();
  cleanup();
  resetStores();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
  document.documentElement.removeAttribute("style");
  if (drift.length)
    throw new Error(`The fake API was asked something the contract does not allow:\n${drift.join("\n")}`);
});
