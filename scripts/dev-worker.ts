import { unstable_startWorker } from "wrangler";

// `wrangler dev` without the DevTools inspector (scripts/dev.ts runs this when PULSE_INSPECTOR=0;
// the benchmarks do). With the inspector, wrangler's inspector proxy forwards every runtime
// message — a Network event per subrequest, so several per D1 query or tenant-object call — to
// wrangler's Node process as a debug log: measured on a records page, that doubled the machine's
// CPU time per request (20 ms instead of 11), a cost no deployed Worker has. The CLI cannot turn
// the inspector off; its programmatic API can. Same config, port, state directory and vars; no
// file watching.
const port = Number(process.env.PORT ?? 8787);
const vars = JSON.parse(process.env.PULSE_DEV_VARS ?? "{}") as Record<string, string>;

const worker = await unstable_startWorker({
  config: "wrangler.toml",
  bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: "plain_text", value }])),
  dev: {
    server: { hostname: "localhost", port },
    inspector: false,
    persist: process.env.PULSE_STATE_DIR || undefined,
    // A benchmark measures one build: an edit meanwhile must not restart the Worker under it.
    watch: false,
  },
});
await worker.ready;
console.log(`• wrangler dev (no inspector) ready on ${String(await worker.url)}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => void worker.dispose().finally(() => process.exit(0)));
