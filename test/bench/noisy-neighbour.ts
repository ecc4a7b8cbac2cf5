import { Worker } from "node:worker_threads";
import {
  benchTenant,
  countRecords,
  log,
  report,
  seedCsv,
  sleep,
  summary,
  waitFor,
  type BenchTenant,
  type Target,
} from "./harness";

// Tenant A floods while tenant B reads a list, with the deployment's default limits (the runner
// does not lift them for this bench). A publishes AUTOMATIONS automations that each notify every
// agent on every create, holds SOCKETS open sockets (as many members as the per-user cap needs),
// and runs LOOPS concurrent create loops that ignore 429s, for FLOOD_SECONDS. B reads
// `GET /crm/customers?limit=20` at a user's pace (every READ_EVERY_MS) before and during the flood.
// Afterwards: every write A was answered 201 for exists, and every run it started ran (one observer
// socket counts its notifications: accepted × automations).
const AUTOMATIONS = Number(process.env.BENCH_AUTOMATIONS ?? 300);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 300);
const LOOPS = Number(process.env.BENCH_LOOPS ?? 16);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 20);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 15);
const READ_EVERY_MS = 100;
const B_ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 600);
const SOCKETS_PER_MEMBER = 30; // the default LIMIT_SOCKETS_PER_USER
const COMPANY = "Flood Co";

async function publishFlood(a: BenchTenant) {
  const drafts: [string, string, unknown][] = [
    ["trigger", "flood_created", { on: "create" }],
    ["action", "tell_agents", { type: "notify", message: "New customer {{record.name}}", to: { role: "agent" } }],
  ];
  for (let i = 0; i < AUTOMATIONS; i++)
    drafts.push(["automation", `flood_${i}`, { trigger: "flood_created", actions: ["tell_agents"] }]);
  for (let i = 0; i < drafts.length; i += 16) {
    await Promise.all(
      drafts.slice(i, i + 16).map(async ([ns, key, config]) => {
        let res = await a.call("PUT", `/admin/config/${ns}/customers/${key}/draft`, { config });
        // Setting up is a burst past the admin's request share: wait as told, like a client should.
        for (let tries = 0; res.status === 429 && tries < 30; tries++) {
          await sleep(1000);
          res = await a.call("PUT", `/admin/config/${ns}/customers/${key}/draft`, { config });
        }
        if (res.status >= 300) throw new Error(`draft ${ns}/${key}: ${res.status} ${JSON.stringify(res.body)}`);
      }),
    );
  }
  const res = await a.call("POST", "/admin/config/publish", { message: `${AUTOMATIONS} flood automations` });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`);
}

/** Agents of A, signed in, enough to hold SOCKETS sockets under the per-user cap. */
async function floodMembers(base: string, a: BenchTenant): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(SOCKETS / SOCKETS_PER_MEMBER); i++) {
    const email = `flood-${i}-${a.tenant.slug}@bench.test`;
    const added = await a.call("POST", "/admin/members", {
      email,
      name: `Flood agent ${i}`,
      password: "bench-password-1",
      role: "agent",
    });
    if (added.status !== 201) throw new Error(`member: ${added.status} ${JSON.stringify(added.body)}`);
    const res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `198.19.${i >> 8}.${i & 255}` },
      body: JSON.stringify({ email, password: "bench-password-1" }),
    });
    if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

/**
 * B's list read at a user's pace for `seconds`: latency of each (ms) as the client sees it, the
 * Worker's own time for it (Server-Timing), and any non-200s. The difference is time spent
 * outside the Worker: in `wrangler dev`'s proxy and this machine's queues.
 */
async function paceReads(base: string, b: BenchTenant, seconds: number) {
  const times: number[] = [];
  const server: number[] = [];
  let wrong = 0;
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const started = performance.now();
    const res = await fetch(`${base}/api/crm/customers?limit=20`, {
      headers: { authorization: `Bearer ${b.token}` },
    }).catch((error: Error) => {
      // A read that got no answer is B's failure too: counted, not fatal to the run.
      failed++;
      if (failed <= 3) log(`  B's read failed: ${error.message} (${String((error.cause as Error)?.message)})`);
      return null;
    });
    if (!res) {
      await sleep(READ_EVERY_MS);
      continue;
    }
    await res.arrayBuffer();
    times.push(performance.now() - started);
    const worked = /(?:^|,)\s*total;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
    if (worked) server.push(Number(worked[1]));
    if (res.status !== 200) wrong++;
    await sleep(Math.max(0, READ_EVERY_MS - (performance.now() - started)));
  }
  const s = summary(server.length ? server : [0]);
  return { ...summary(times), serverP50: s.p50, serverP99: s.p99, samples: times.length, non200: wrong, failed };
}

/** LOOPS create loops for FLOOD_SECONDS, spread over A's members; a hostile client ignores retry-after. */
async function flood(a: BenchTenant, base: string, tokens: string[]) {
  const statuses: Record<string, number> = {};
  let n = 0;
  const until = Date.now() + FLOOD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: LOOPS }, async (_, loop) => {
      while (Date.now() < until) {
        const i = n++;
        const res = await fetch(`${base}/api/crm/customers`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${tokens[(loop + i) % tokens.length]}`,
          },
          body: JSON.stringify({ name: `Flood customer ${i}`, company: COMPANY, tier: "silver" }),
        }).catch(() => null);
        const key = res ? String(res.status) : "network";
        statuses[key] = (statuses[key] ?? 0) + 1;
        await res?.arrayBuffer();
      }
    }),
  );
  return statuses;
}

/** A's sockets in a worker thread (socket-crowd.mjs), so their traffic does not delay B's timing. */
class SocketCrowd {
  private constructor(
    private readonly worker: Worker,
    readonly open: number,
    readonly refused: number,
  ) {}

  static async open(base: string, tokens: string[]): Promise<SocketCrowd> {
    const worker = new Worker(new URL("./socket-crowd.mjs", import.meta.url), {
      workerData: { base, tokens, sockets: SOCKETS, perToken: SOCKETS_PER_MEMBER },
    });
    const opened = await SocketCrowd.reply<{ open: number; refused: number }>(worker, "open");
    return new SocketCrowd(worker, opened.open, opened.refused);
  }

  private static reply<T>(worker: Worker, kind: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: { kind: string } & T) => {
        if (m.kind !== kind) return;
        worker.off("message", onMessage).off("error", reject);
        resolve(m);
      };
      worker.on("message", onMessage).once("error", reject);
    });
  }

  async notifications(): Promise<number> {
    const answer = SocketCrowd.reply<{ notifications: number }>(this.worker, "count");
    this.worker.postMessage("count");
    return (await answer).notifications;
  }

  async close(): Promise<void> {
    const closed = SocketCrowd.reply(this.worker, "closed");
    this.worker.postMessage("close");
    await closed;
    await this.worker.terminate();
  }
}

export async function run({ base }: Target) {
  const b = await benchTenant(base, "quiet");
  log(`• tenant B: ${B_ROWS} customers`);
  await seedCsv(
    b,
    "customers",
    ["name", "company", "tier"],
    (i) => [`Quiet customer ${i}`, "Quiet Co", i % 2 ? "gold" : "silver"],
    B_ROWS,
    2,
  );

  const a = await benchTenant(base, "flood");
  log(`• tenant A: ${AUTOMATIONS} automations notifying every agent, ${SOCKETS} sockets`);
  await publishFlood(a);
  const tokens = await floodMembers(base, a);
  const crowd = await SocketCrowd.open(base, tokens);
  log(`• B quiet: ${READ_SECONDS} s of reads`);
  await paceReads(base, b, 3); // warm
  const quiet = await paceReads(base, b, READ_SECONDS);
  log(`  quiet p50 ${quiet.p50} ms, p99 ${quiet.p99} ms`);

  log(`• A floods for ${FLOOD_SECONDS} s with ${LOOPS} create loops; B reads meanwhile`);
  const flooding = flood(a, base, tokens);
  await sleep(2000);
  const loaded = await paceReads(base, b, Math.min(READ_SECONDS, FLOOD_SECONDS - 2));
  const statuses = await flooding;
  const accepted = statuses["201"] ?? 0;
  log(`  loaded p50 ${loaded.p50} ms, p99 ${loaded.p99} ms; A's answers ${JSON.stringify(statuses)}`);

  log(`• waiting for A's queued runs to finish (${accepted} accepted creates × ${AUTOMATIONS} automations)`);
  const drainStarted = Date.now();
  const drained = await waitFor(
    async () => {
      const res = await a.call("GET", "/admin/tenant");
      const queued = res.body?.usage?.queuedRuns as number | undefined;
      return queued === 0 && (await crowd.notifications()) >= accepted * AUTOMATIONS ? true : undefined;
    },
    DRAIN_SECONDS * 1000,
    1000,
  );
  const drainSeconds = Math.round((Date.now() - drainStarted) / 1000);
  await sleep(1000);
  const stored = await countRecords(a, "customers", { field: "company", op: "eq", value: COMPANY });
  const failedRuns = ((await a.call("GET", "/admin/automation/runs?status=failed&limit=200")).body?.items ?? []).length;
  const observed = await crowd.notifications();
  await crowd.close();

  report("noisy-neighbour", {
    automations: AUTOMATIONS,
    sockets: crowd.open,
    refusedSockets: crowd.refused,
    loops: LOOPS,
    floodSeconds: FLOOD_SECONDS,
    quietP50Ms: quiet.p50,
    quietP99Ms: quiet.p99,
    quietSamples: quiet.samples,
    quietNon200: quiet.non200,
    quietFailed: quiet.failed,
    loadedP50Ms: loaded.p50,
    loadedP99Ms: loaded.p99,
    loadedSamples: loaded.samples,
    loadedNon200: loaded.non200,
    loadedFailed: loaded.failed,
    quietServerP50Ms: quiet.serverP50,
    loadedServerP50Ms: loaded.serverP50,
    loadedServerP99Ms: loaded.serverP99,
    loadedToQuietP50: Math.round((loaded.p50 / quiet.p50) * 100) / 100,
    floodAnswers: statuses,
    acceptedCreates: accepted,
    storedCreates: stored,
    runsExpected: accepted * AUTOMATIONS,
    notificationsSeen: observed,
    failedRuns,
    drained: drained === true,
    drainSeconds,
    target: {
      p50WithinThreeTimes: loaded.p50 <= 3 * quiet.p50,
      p99UnderOneSecond: loaded.p99 < 1000,
      everyReadAnswered: quiet.failed + loaded.failed === 0 && loaded.non200 === 0,
      floodRefused: (statuses["429"] ?? 0) > 0,
      nothingLost: stored >= accepted && observed >= accepted * AUTOMATIONS && failedRuns === 0,
    },
  });
}
