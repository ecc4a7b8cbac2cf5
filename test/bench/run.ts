import { startTarget } from "./harness";

// `npm run bench -- <name>`: one benchmark, one JSON line on stdout.
const BENCHES: Record<string, () => Promise<{ run: (t: Awaited<ReturnType<typeof startTarget>>) => Promise<void> }>> = {
  auth: () => import("./auth"),
  "runtime-config": () => import("./runtime-config"),
  "publish-fanout": () => import("./publish-fanout"),
  "publish-size": () => import("./publish-size"),
  web: () => import("./web"),
  records: () => import("./records"),
  automation: () => import("./automation"),
  sla: () => import("./sla"),
  "import-job": () => import("./import-job"),
};

const name = process.argv[2];
if (!name || !BENCHES[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}>`);
  process.exit(2);
}
const target = await startTarget();
try {
  await (await BENCHES[name]()).run(target);
} finally {
  target.stop();
}
