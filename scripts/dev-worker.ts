import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

// The dev server without wrangler's dev session in front (scripts/dev.ts runs this when
// PULSE_INSPECTOR=0; the benchmarks do). `wrangler dev` puts two things between a request and the
// Worker that no deployed Worker has: the DevTools inspector, which forwards every runtime message
// (a Network event per subrequest, so several per D1 query or tenant-object call) to wrangler's
// Node process as a debug log, and a proxy Worker in a second workerd that every request crosses
// on its way in. Measured on creates, the proxy and wrangler's Node process took 5.2 ms of the
// 16.2 ms of CPU a create cost the machine (README, performance notes).
//
// So this runs the same Worker in the same runtime, without either: the bundle `wrangler deploy`
// would upload (`wrangler deploy --dry-run`), the bindings, assets and compatibility settings
// wrangler reads from wrangler.toml and .dev.vars, in the Miniflare that wrangler itself runs, on
// the same state directory as `wrangler dev --persist-to`. No file watching: one build per start.
const port = Number(process.env.PORT ?? 8787);
const vars = JSON.parse(process.env.PULSE_DEV_VARS ?? "{}") as Record<string, string>;
const persistTo = resolve(process.env.PULSE_STATE_DIR || ".wrangler/state");
const outdir = resolve(".wrangler/dev-bundle");

const bundle = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
  stdio: "inherit",
  env: { ...process.env, WRANGLER_LOG: "warn" },
});
if (bundle.status !== 0) process.exit(bundle.status ?? 1);

// wrangler's own Miniflare, not whichever copy another package hoisted: the runtime stays the one
// `wrangler dev` uses.
type MiniflareInstance = { ready: Promise<URL>; dispose(): Promise<void> };
const { Miniflare } = createRequire(createRequire(import.meta.url).resolve("wrangler"))("miniflare") as {
  Miniflare: new (options: Record<string, unknown>) => MiniflareInstance;
};

const { workerOptions } = unstable_getMiniflareWorkerOptions("wrangler.toml");
const miniflare = new Miniflare({
  host: "localhost",
  port,
  defaultPersistRoot: join(persistTo, "v3"),
  // /cdn-cgi/handler/email and /cdn-cgi/handler/scheduled, as under `wrangler dev`.
  unsafeTriggerHandlers: true,
  // PULSE_PROFILE_PORT=9229: the DevTools protocol on that port, for CPU profiles of this server.
  ...(process.env.PULSE_PROFILE_PORT ? { inspectorPort: Number(process.env.PULSE_PROFILE_PORT) } : {}),
  workers: [
    {
      ...workerOptions,
      name: "pulse-8",
      bindings: { ...workerOptions.bindings, ...vars },
      modules: true,
      scriptPath: join(outdir, "index.js"),
    },
  ],
});
const url = await miniflare.ready;
console.log(`• Pulse-8 Worker (Miniflare, no inspector, no proxy) ready on ${url.origin}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => void miniflare.dispose().finally(() => process.exit(0)));
