import WebSocket from "ws";
import { benchTenant, draftViews, percentile, report, type Target } from "./harness";

// 1,000 sockets on one tenant; 20 publishes. For each: the publish request's latency, and how
// long after its response the last socket had the config.published message.
// Target: last socket < 150 ms after the publish response.
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const PUBLISHES = 20;

export async function run({ base }: Target) {
  const t = await benchTenant(base, "fanout");
  const wsBase = base.replace(/^http/, "ws");
  const arrivals = new Map<number, number[]>(); // version → arrival times
  const sockets: WebSocket[] = [];
  for (let i = 0; i < SOCKETS; i += 50) {
    await Promise.all(
      Array.from(
        { length: Math.min(50, SOCKETS - i) },
        () =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`${wsBase}/api/realtime?token=${t.token}`);
            ws.on("message", (data) => {
              const msg = JSON.parse(String(data));
              if (msg.type === "hello") resolve();
              if (msg.type === "config.published") {
                const list = arrivals.get(msg.version) ?? [];
                list.push(performance.now());
                arrivals.set(msg.version, list);
              }
            });
            ws.on("error", reject);
            sockets.push(ws);
          }),
      ),
    );
  }

  const publishMs: number[] = [];
  const lastSocketMs: number[] = [];
  let missing = 0;
  for (let round = 0; round < PUBLISHES; round++) {
    await draftViews(t.call, 1, `round ${round}`, "fanout");
    const started = performance.now();
    const res = await t.call("POST", "/admin/config/publish", {});
    const answered = performance.now();
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    publishMs.push(answered - started);
    const version = res.body.version as number;
    const until = Date.now() + 5000;
    while ((arrivals.get(version)?.length ?? 0) < SOCKETS && Date.now() < until)
      await new Promise((r) => setTimeout(r, 2));
    const got = arrivals.get(version) ?? [];
    missing += SOCKETS - got.length;
    lastSocketMs.push(Math.max(0, Math.max(...got) - answered));
  }
  for (const ws of sockets) ws.close();
  publishMs.sort((a, b) => a - b);
  lastSocketMs.sort((a, b) => a - b);
  report("publish-fanout", {
    sockets: SOCKETS,
    publishes: PUBLISHES,
    publishP50Ms: percentile(publishMs, 50),
    publishP99Ms: percentile(publishMs, 99),
    lastSocketAfterResponseP50Ms: percentile(lastSocketMs, 50),
    lastSocketAfterResponseP99Ms: percentile(lastSocketMs, 99),
    lastSocketAfterResponseMaxMs: percentile(lastSocketMs, 100),
    missedMessages: missing,
  });
}
