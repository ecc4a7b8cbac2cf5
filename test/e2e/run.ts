// `npm run test:e2e`: browser tests against a real `npm run dev`.
//
// Builds the web app once, starts `npm run dev` on a free port (from 8797) with a fresh local state
// directory (so Acme is freshly seeded) and PULSE_SKIP_BUILD=1, drives Debian's Chromium through
// the scenarios one after another, screenshots to test/e2e/artifacts/, always stops the dev
// server's process group, and ends with one line `N passed, M failed` (read by CI).
//
// By default the server runs from a snapshot of the working tree taken at the start (worker,
// scripts, migrations and config copied, the web app built into the snapshot's own web/dist,
// node_modules linked), so that others editing worker code or rebuilding web/dist meanwhile
// can't restart wrangler under the tests. E2E_IN_PLACE=1 runs `npm run dev` in the working tree
// itself (after building web/dist there).
//
//   E2E_ONLY=1,3        run only these scenarios (by number; they build on each other's state)
//   E2E_IN_PLACE=1      serve the working tree itself, not a snapshot
//   E2E_BASE_URL=…      use a running server instead (no build, no server; state must be fresh)
//   E2E_PORT=…          first port to try (default 8797)
//   E2E_TIMEOUT_MS=…    every scenario's time limit (default: each scenario's own, 90 s)
//   CHROMIUM_PATH=…     the browser (default /usr/bin/chromium)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { CHROMIUM_PATH, launchChromium } from "./lib/browser";
import { type Scenario, ScenarioContext } from "./lib/scenario";
import { buildWeb, type DevServer, freePort, snapshotProject, startDevServer } from "./lib/server";
import { liveForm } from "./scenarios/1-live-form";
import { agentWork } from "./scenarios/2-agent-work";
import { validationAndRollback } from "./scenarios/3-validation-rollback";
import { backgroundImport } from "./scenarios/4-background-import";
import { configAsCode } from "./scenarios/5-config-as-code";
import { securityHeaders } from "./scenarios/6-security-headers";
import { inboundEmail } from "./scenarios/7-inbound-email";
import { agentDesk } from "./scenarios/8-agent-desk";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ARTIFACTS = join(ROOT, "test/e2e/artifacts");
const SCENARIOS: Scenario[] = [
  liveForm,
  agentWork,
  validationAndRollback,
  backgroundImport,
  configAsCode,
  securityHeaders,
  inboundEmail,
  agentDesk,
];

const only = (process.env.E2E_ONLY ?? "")
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const chosen = SCENARIOS.map((s, i) => ({ scenario: s, n: i + 1 })).filter(
  ({ n }) => only.length === 0 || only.includes(n),
);

let server: DevServer | null = null;
let browser: Browser | null = null;
let workDir: string | null = null;
let interrupted = false;

let cleaning: Promise<void> | null = null;
/** Closes the browser, stops the dev server's process group, removes the temp dir; once, however often called. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    try {
      if (workDir) rmSync(workDir, { recursive: true, force: true, maxRetries: 5 });
    } catch (error) {
      console.log(`(could not remove ${workDir}: ${String(error)})`);
    }
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${signal}: stopping the dev server`);
    void cleanup().finally(() => process.exit(130));
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function timeout(ms: number, name: string): { promise: Promise<never>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout>;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scenario "${name}" timed out after ${seconds(ms)}`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

async function main(): Promise<number> {
  const runStarted = Date.now();
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(
      `✖ no Chromium at ${CHROMIUM_PATH}: apt-get update && apt-get install -y --no-install-recommends chromium`,
    );
    return 1;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) if (f.endsWith(".png") || f.endsWith(".log")) rmSync(join(ARTIFACTS, f));

  let base = process.env.E2E_BASE_URL;
  if (!base) {
    workDir = mkdtempSync(join(tmpdir(), "pulse8-e2e-"));
    const inPlace = process.env.E2E_IN_PLACE === "1";
    const cwd = inPlace ? ROOT : join(workDir, "app");
    let t = Date.now();
    if (inPlace) {
      console.log("• building the web app (web/dist)");
      buildWeb(ROOT);
    } else {
      console.log(`• snapshot of the working tree in ${cwd}, building the web app into it`);
      snapshotProject(ROOT, cwd);
    }
    console.log(`  built in ${seconds(Date.now() - t)}`);
    const stateDir = join(workDir, "state"); // fresh: Acme is seeded from scratch
    const port = await freePort(Number(process.env.E2E_PORT ?? 8797));
    console.log(`• starting npm run dev on port ${port} (PULSE_STATE_DIR=${stateDir}, PULSE_SKIP_BUILD=1)`);
    t = Date.now();
    server = await startDevServer({ cwd, port, stateDir, logFile: join(ARTIFACTS, "dev-server.log") });
    base = server.base;
    console.log(`  ready at ${base} in ${seconds(Date.now() - t)}`);
  }
  browser = await launchChromium();
  console.log(`• Chromium ${browser.version()} (${CHROMIUM_PATH})\n`);

  let passed = 0;
  let failed = 0;
  for (const { scenario, n } of chosen) {
    const label = `${n}/${SCENARIOS.length} ${scenario.name}`;
    console.log(`▶ ${label}`);
    const t = new ScenarioContext(base, browser, `s${n}`, ARTIFACTS);
    const started = Date.now();
    const reloadsBefore = server?.reloads() ?? 0;
    const limit = timeout(Number(process.env.E2E_TIMEOUT_MS) || scenario.timeoutMs, scenario.name);
    try {
      await Promise.race([scenario.run(t), limit.promise]);
      passed++;
      const timings = Object.entries(t.metrics)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(", ");
      console.log(`✔ PASS ${label} (${seconds(Date.now() - started)})${timings ? ` — ${timings}` : ""}\n`);
    } catch (error) {
      if (interrupted) break;
      failed++;
      console.log(`✖ FAIL ${label} (${seconds(Date.now() - started)})`);
      const text = (error instanceof Error ? (error.stack ?? error.message) : String(error)).replace(
        /\x1b\[[0-9;]*m/g,
        "",
      );
      console.log(`    ${text.split("\n").slice(0, 8).join("\n    ")}`);
      for (const line of await t.failureReport()) console.log(`    ${line}`);
      if (server) {
        const reloads = server.reloads() - reloadsBefore;
        // Someone else's edit of worker code or rebuild of web/dist restarts wrangler (and drops every socket).
        if (reloads > 0)
          console.log(
            `    note: wrangler reloaded ${reloads}× during this scenario (worker code or web/dist changed under it)`,
          );
        console.log(`    dev server log: ${join(ARTIFACTS, "dev-server.log")}`);
      }
      console.log("");
    } finally {
      limit.cancel();
      await t.close();
    }
  }
  await cleanup();
  console.log(`e2e finished in ${seconds(Date.now() - runStarted)}; screenshots in ${ARTIFACTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error("✖ the e2e run could not start:", error);
    await cleanup();
    console.log(`0 passed, ${chosen.length} failed`);
    process.exit(1);
  },
);
