import { startTarget } from "./harness";

// `npm run bench -- <name>`: one benchmark, one JSON line on stdout.
const BENCHES: Record<string, () => Promise<{ run: (t: Awaited<ReturnType<typeof startTarget>>) => Promise<void> }>> = {
  auth: () => import("./auth"),
  "runtime-config": () => import("./runtime-config"),
  "publish-fanout": () => import("./publish-fanout"),
  "publish-size": () => import("./publish-size"),
  web: () => import("./web"),
  records: () => import("./records"),
  peer: () => import("./peer"),
  automation: () => import("./automation"),
  sla: () => import("./sla"),
  "import-job": () => import("./import-job"),
  "noisy-neighbour": () => import("./noisy-neighbour"),
  soak: () => import("./soak"),
  shards: () => import("./shards"),
  rollups: () => import("./rollups"),
};

const name = process.argv[2];
if (!name || !BENCHES[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}>`);
  process.exit(2);
}
// Throughput benchmarks measure the platform, not the fair-share limits: unless told otherwise,
// their dev server runs with the per-minute shares and socket caps out of the way.
if (!["noisy-neighbour", "soak"].includes(name)) {
  for (const [key, value] of Object.entries({
    LIMIT_REQUESTS_PER_USER: "100000000",
    LIMIT_REQUESTS_PER_TENANT: "100000000",
    LIMIT_WRITES_PER_TENANT: "100000000",
    LIMIT_SOCKETS_PER_USER: "100000",
    LIMIT_QUEUED_RUNS: "100000000",
  }))
    process.env[key] ??= value;
}
// The dev server a benchmark starts runs without the DevTools inspector, which wrangler feeds a
// message per subrequest (scripts/dev-worker.ts): what is measured is the Worker, not the debugger.
process.env.PULSE_INSPECTOR ??= "0";
// The shards bench moves its tenants with the operator routes: its own dev server gets a token.
if (name === "shards")
  process.env.OPS_TOKEN ??= `bench-ops-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const target = await startTarget();
try {
  await (await BENCHES[name]()).run(target);
} finally {
  target.stop();
}
