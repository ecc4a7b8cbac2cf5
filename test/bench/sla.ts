import type WebSocket from "ws";
import {
  benchTenant,
  csvLine,
  log,
  openSocket,
  report,
  seedCsv,
  sleep,
  summary,
  waitFor,
  type BenchTenant,
  type Target,
} from "./harness";

// 10,000 running SLA timers in one tenant (cases through the CSV import; each starts a timer in
// the tenant object via the outbox). Then the cost of starting, pausing and stopping a timer as
// an API user sees it (the write, until /sla shows the new state), and the lateness of breach
// events on the realtime socket: arrival − dueAt, duplicates, missed.
// Target: no duplicate, none missed, p99 lateness < 1 s locally.
const TIMERS = Number(process.env.BENCH_TIMERS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const BREACHES = Number(process.env.BENCH_BREACHES ?? 200);
const FAST_MINUTES = 0.25; // the short target: due 15 s after each urgent case is created
const GRACE_MS = 10_000; // a breach not seen by due + 10 s is missed

const resolved = { field: "status", op: "in", value: ["resolved", "closed"] };
const POLICIES = {
  // The 10,000 background timers (and the start/pause/stop samples): long, 24x7, paused while waiting.
  bench_background: {
    when: { field: "priority", op: "nin", value: ["urgent"] },
    targets: [{ metric: "resolution", minutes: 100_000, stopWhen: resolved }],
    pauseWhen: { field: "status", op: "eq", value: "waiting_on_customer" },
  },
  // Urgent cases only: a short target whose breaches are timed.
  bench_fast: {
    when: { field: "priority", op: "eq", value: "urgent" },
    targets: [{ metric: "first_response", minutes: FAST_MINUTES, stopWhen: resolved }],
  },
};

async function replacePolicies(t: BenchTenant) {
  for (const key of ["standard", "urgent"]) {
    const res = await t.call("DELETE", `/admin/config/sla/cases/${key}/draft`);
    if (res.status !== 200) throw new Error(`delete sla/cases/${key}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const [key, config] of Object.entries(POLICIES)) {
    const res = await t.call("PUT", `/admin/config/sla/cases/${key}/draft`, { config });
    if (res.status >= 300) throw new Error(`sla/cases/${key}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const published = await t.call("POST", "/admin/config/publish", { message: "bench SLA policies" });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
}

type Timer = { policy: string; metric: string; state: string; dueAt: string };
const timers = async (t: BenchTenant, id: string): Promise<Timer[]> => {
  const res = await t.call("GET", `/crm/cases/${id}/sla`);
  if (res.status !== 200) throw new Error(`sla of ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.timers as Timer[];
};

/** Runs `write`, then polls /sla every 5 ms until the timer shows `state`; ms from the write's start. */
async function until(t: BenchTenant, id: () => string, write: () => Promise<void>, state: string): Promise<number> {
  const started = performance.now();
  await write();
  const ok = await waitFor(
    async () =>
      (await timers(t, id())).some((x) => x.policy === "bench_background" && x.state === state) ? true : undefined,
    10_000,
    5,
  );
  if (!ok) throw new Error(`the timer of ${id()} did not become ${state} within 10 s`);
  return performance.now() - started;
}

export async function run({ base }: Target) {
  const t = await benchTenant(base, "sla");
  await replacePolicies(t);

  // Background: TIMERS running timers.
  log(`• ${TIMERS} cases through the CSV import, each starting a timer`);
  const seedStart = performance.now();
  const ids = await seedCsv(
    t,
    "cases",
    ["subject", "priority", "channel", "description"],
    (i) => [
      `Printer ${i} on floor ${i % 12} jams`,
      ["low", "normal", "high"][i % 3],
      ["email", "chat", "web", "phone"][i % 4],
      "Paper jam after the latest firmware update.",
    ],
    TIMERS,
    2,
  );
  const imported = performance.now();
  const lastId = ids.at(-1)!;
  const started = await waitFor(async () => ((await timers(t, lastId)).length > 0 ? true : undefined), 1_800_000, 250);
  if (!started) throw new Error("the last case's timer never appeared");
  const timersReadySeconds = (performance.now() - seedStart) / 1000;
  log(
    `• ${TIMERS} timers running after ${timersReadySeconds.toFixed(1)} s (import ` +
      `${((imported - seedStart) / 1000).toFixed(1)} s)`,
  );
  const sample = (await timers(t, ids[Math.floor(ids.length / 2)]!))[0];
  if (sample?.state !== "running") throw new Error(`unexpected background timer ${JSON.stringify(sample)}`);

  // Start / pause / stop, one case at a time.
  log(`• start, pause, stop: ${SAMPLES} cases`);
  const cost = { start: [] as number[], pause: [] as number[], stop: [] as number[] };
  for (let i = 0; i < SAMPLES; i++) {
    let id = "";
    const must = (status: number, expected: number, body: unknown) => {
      if (status !== expected) throw new Error(`${status} ${JSON.stringify(body)}`);
    };
    cost.start.push(
      await until(
        t,
        () => id,
        async () => {
          const res = await t.call("POST", "/crm/cases", { subject: `Sample ${i}`, priority: "normal" });
          must(res.status, 201, res.body);
          id = res.body.id;
        },
        "running",
      ),
    );
    for (const [kind, to, state] of [
      ["pause", "waiting_on_customer", "paused"],
      ["stop", "resolved", "met"],
    ] as const) {
      cost[kind].push(
        await until(
          t,
          () => id,
          async () => {
            const res = await t.call("POST", `/crm/cases/${id}/transition`, { to });
            must(res.status, 200, res.body);
          },
          state,
        ),
      );
    }
  }

  // Lateness: BREACHES urgent cases in imports of 20, so their due times spread over a few seconds.
  const arrivals = new Map<string, number[]>();
  const dues = new Map<string, number>();
  const urgent = new Set<string>();
  let stray = 0;
  // A Worker reload (wrangler dev restarts on source changes) drops sockets: reconnect, and say so,
  // since breaches broadcast meanwhile are lost to this client (realtime is best-effort).
  let reconnects = 0;
  let closing = false;
  const onMessage = (msg: Record<string, unknown>, at: number) => {
    if (msg.type !== "sla.breached") return;
    const key = String(msg.id);
    if (!urgent.has(key)) return void stray++;
    arrivals.set(key, [...(arrivals.get(key) ?? []), at]);
    dues.set(key, Date.parse(String(msg.dueAt)));
  };
  const connect = async (): Promise<WebSocket> => {
    const ws = await openSocket(base, t.token, onMessage);
    ws.on("close", (code) => {
      if (closing) return;
      reconnects++;
      log(`  realtime socket dropped (${code}); reconnecting`);
      void connect()
        .then((next) => (socket = next))
        .catch((e) => log("  reconnect failed", e));
    });
    return ws;
  };
  let socket = await connect();
  log(`• ${BREACHES} urgent cases due ${FAST_MINUTES * 60} s after creation; listening for sla.breached`);
  for (let i = 0; i < BREACHES; i += 20) {
    const rows = Array.from({ length: Math.min(20, BREACHES - i) }, (_, j) =>
      csvLine([`Outage ${i + j}`, "urgent", "phone"]),
    );
    const res = await t.importCsv("cases", ["subject,priority,channel", ...rows].join("\r\n"));
    if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body).slice(0, 1000)}`);
    for (const id of res.body.ids as string[]) urgent.add(id);
    await sleep(150);
  }
  const lastDue = Date.now() + FAST_MINUTES * 60_000; // no later than this: timers start at the record's creation
  await waitFor(() => (arrivals.size >= urgent.size ? true : undefined), lastDue + GRACE_MS - Date.now(), 50);
  await sleep(1000); // let any duplicate arrive
  closing = true;
  socket.close();
  // The due time of each case whose breach never came, from its timer.
  for (const id of urgent) {
    const fast = arrivals.has(id) ? undefined : (await timers(t, id)).find((x) => x.policy === "bench_fast");
    if (fast) dues.set(id, Date.parse(fast.dueAt));
    if (fast) log(`  no breach for ${id}: timer ${JSON.stringify(fast)}`);
  }

  const lateness: number[] = [];
  let duplicates = 0;
  let missed = 0;
  for (const id of urgent) {
    const got = arrivals.get(id) ?? [];
    const due = dues.get(id);
    duplicates += Math.max(0, got.length - 1);
    if (got.length === 0 || due === undefined || got[0]! > due + GRACE_MS) missed++;
    if (got.length && due !== undefined) lateness.push(got[0]! - due);
  }
  const late = summary(lateness);
  const [start, pause, stop] = [summary(cost.start), summary(cost.pause), summary(cost.stop)];
  report("sla", {
    timers: TIMERS,
    timersReadySeconds: Math.round(timersReadySeconds * 10) / 10,
    startP50Ms: start.p50,
    startP99Ms: start.p99,
    pauseP50Ms: pause.p50,
    pauseP99Ms: pause.p99,
    stopP50Ms: stop.p50,
    stopP99Ms: stop.p99,
    breaches: urgent.size,
    breachLatenessP50Ms: late.p50,
    breachLatenessP99Ms: late.p99,
    breachLatenessMaxMs: late.max,
    duplicates,
    missed,
    strayBreaches: stray,
    socketReconnects: reconnects,
    target: { noDuplicate: duplicates === 0, noneMissed: missed === 0, p99UnderOneSecond: late.p99 < 1000 },
  });
}
