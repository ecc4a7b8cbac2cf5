import {
  benchTenant,
  countRecords,
  log,
  report,
  sleep,
  summary,
  waitFor,
  type BenchTenant,
  type Target,
} from "./harness";

// A tenant with 200 published automations on customers: 199 whose trigger `when` never matches
// the bench's records (half on create, half on update, so each is evaluated for every event),
// and one that matches every create and sets notes = "seen" (update_record). Measures events/s
// through outbox drain → matching → queue → run, and p50/p99 from a write's response to its
// effect being visible to a reader.
const AUTOMATIONS = Number(process.env.BENCH_AUTOMATIONS ?? 200);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const LATENCY_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const CONCURRENCY = 8;
const COMPANY = "Bench Automation Co";
const MATCH = "zz_mark_seen"; // the one that matches

async function publishAutomations(t: BenchTenant) {
  const drafts: [string, string, unknown][] = [
    ["action", "mark_seen", { type: "update_record", set: { notes: "seen" } }],
    ["action", "never_run", { type: "update_record", set: { notes: "should never happen" } }],
    ["trigger", "bench_created", { on: "create", when: { field: "company", op: "startsWith", value: COMPANY } }],
    [
      "automation",
      MATCH,
      { trigger: "bench_created", actions: ["mark_seen"], description: "The bench's matching automation" },
    ],
  ];
  for (let i = 0; i < AUTOMATIONS - 1; i++) {
    const when =
      i % 2 === 0
        ? {
            all: [
              { field: "tier", op: "eq", value: "gold" },
              { field: "company", op: "eq", value: `No match ${i}` },
            ],
          }
        : {
            any: [
              { field: "tier", op: "changedTo", value: "churned" },
              { field: "company", op: "startsWith", value: `Nomatch${i}` },
            ],
          };
    drafts.push(["trigger", `never_${i}`, { on: i % 2 === 0 ? "create" : "update", when }]);
    drafts.push(["automation", `never_${i}`, { trigger: `never_${i}`, actions: ["never_run"] }]);
  }
  for (let i = 0; i < drafts.length; i += 16) {
    await Promise.all(
      drafts.slice(i, i + 16).map(async ([ns, key, config]) => {
        const res = await t.call("PUT", `/admin/config/${ns}/customers/${key}/draft`, { config });
        if (res.status >= 300) throw new Error(`draft ${ns}/${key}: ${res.status} ${JSON.stringify(res.body)}`);
      }),
    );
  }
  const started = performance.now();
  const res = await t.call("POST", "/admin/config/publish", { message: `${AUTOMATIONS} bench automations` });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`);
  return { items: drafts.length, publishMs: Math.round(performance.now() - started) };
}

/** How many of the bench's customers carry the effect. */
const countSeen = (t: BenchTenant, company: string) =>
  countRecords(t, "customers", {
    all: [
      { field: "company", op: "eq", value: company },
      { field: "notes", op: "eq", value: "seen" },
    ],
  });

type RunRow = { status: string; finishedAt: string | null; createdAt: string };
const runs = async (t: BenchTenant, query: string) => {
  const res = await t.call("GET", `/admin/automation/runs?${query}`);
  if (res.status !== 200) throw new Error(`runs: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as RunRow[];
};

/** Fires EVENTS creates with `fire`, then waits until every run's effect is visible; times from the server's runs. */
async function throughput(t: BenchTenant, company: string, fire: () => Promise<void>) {
  const started = Date.now();
  await fire();
  const fired = Date.now();
  let lastCount = -1;
  let lastMove = Date.now();
  const complete = await waitFor(
    async () => {
      const n = await countSeen(t, company);
      if (n !== lastCount) [lastCount, lastMove] = [n, Date.now(), log(`  effects visible: ${n}/${EVENTS}`)];
      if (Date.now() - lastMove > 60_000) return false; // stalled
      return n >= EVENTS ? true : undefined;
    },
    1_800_000,
    250,
  );
  const visible = Date.now();
  // The server's own record of when the last run finished (runs are listed newest first).
  const succeeded = await runs(t, `automation=${MATCH}&status=succeeded&limit=200`);
  const lastFinished = Math.max(...succeeded.map((r) => (r.finishedAt ? Date.parse(r.finishedAt) : 0)));
  const finished = lastFinished > fired - 60_000 ? Math.min(lastFinished, visible) : visible;
  return { complete: complete === true, fireMs: fired - started, totalMs: Math.max(finished, fired) - started };
}

export async function run({ base }: Target) {
  const t = await benchTenant(base, "automation");
  log(`• drafting and publishing ${AUTOMATIONS} automations (with their triggers and actions)`);
  const published = await publishAutomations(t);
  log(`  published ${published.items} items in ${published.publishMs} ms`);
  const create = (i: number, company = `${COMPANY} posts`) =>
    t.call("POST", "/crm/customers", { name: `Bench customer ${i}`, company, tier: "silver" });
  const warm = await create(-1, `${COMPANY} warm-up`); // loads the config in the Worker and the tenant object
  if (warm.status !== 201) throw new Error(`create: ${warm.status} ${JSON.stringify(warm.body)}`);
  await waitFor(async () => ((await countSeen(t, `${COMPANY} warm-up`)) === 1 ? true : undefined), 30_000, 50);

  // 1. Single POSTs, CONCURRENCY at a time: the write rate, and whether the engine keeps up.
  log(`• ${EVENTS} POST creates, ${CONCURRENCY} at a time`);
  let writeErrors = 0;
  const posts = await throughput(t, `${COMPANY} posts`, async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < EVENTS) if ((await create(next++)).status !== 201) writeErrors++;
      }),
    );
  });

  // 2. A burst: the same number of creates committed by CSV imports, so the outbox holds them all
  // at once and the tenant object's drain → match → queue → run rate is what is measured.
  log(`• ${EVENTS} creates in CSV imports (a burst)`);
  const burst = await throughput(t, `${COMPANY} burst`, async () => {
    for (let i = 0; i < EVENTS; i += 1000) {
      const rows = Array.from(
        { length: Math.min(1000, EVENTS - i) },
        (_, j) => `Burst customer ${i + j},${COMPANY} burst,silver`,
      );
      const res = await t.importCsv("customers", ["name,company,tier", ...rows].join("\r\n"));
      if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body).slice(0, 1000)}`);
    }
  });
  const failed = (await runs(t, "status=failed&limit=200")).length;

  // 3. Latency: one write at a time; from its response until a reader sees the effect.
  log(`• latency: ${LATENCY_SAMPLES} sequential creates, polling each record every 5 ms`);
  await sleep(500);
  const latencies: number[] = [];
  let timeouts = 0;
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const res = await create(i, `${COMPANY} latency`);
    const answered = performance.now();
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    const seen = await waitFor(
      async () => {
        const r = await t.call("GET", `/crm/customers/${res.body.id}`);
        return r.body?.data?.notes === "seen" ? true : undefined;
      },
      10_000,
      5,
    );
    if (seen) latencies.push(performance.now() - answered);
    else timeouts++;
  }
  const lat = summary(latencies);

  report("automation", {
    automations: AUTOMATIONS,
    publishMs: published.publishMs,
    events: EVENTS,
    writesPerSec: Math.round(EVENTS / (posts.fireMs / 1000)),
    eventsPerSecUnderPosts: Math.round(EVENTS / (posts.totalMs / 1000)),
    burstImportMs: burst.fireMs,
    eventsPerSec: Math.round(EVENTS / (burst.totalMs / 1000)),
    allEffectsVisible: posts.complete && burst.complete,
    writeErrors,
    runsFailed: failed,
    effectLatencyP50Ms: lat.p50,
    effectLatencyP99Ms: lat.p99,
    effectLatencyMaxMs: lat.max,
    effectTimeouts: timeouts,
  });
}
