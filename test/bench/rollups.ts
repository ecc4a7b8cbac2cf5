import { benchTenant, log, report, sleep, summary, waitFor, type BenchTenant, type Target } from "./harness";

// Roll-up lag: BENCH_CHILD_WRITES child records (default 10,000) created at a steady rate over
// BENCH_SECONDS (default 60, i.e. 10,000 writes/min) against BENCH_PARENTS parents (default 100).
// Each parent has a count and a sum roll-up, kept current by the outbox drain. Every
// BENCH_SAMPLE_EVERY-th write is timed: from its 201 until its parent's count reflects at least
// every child of that parent acknowledged by then (ms; polled every POLL_MS, at most MAX_SAMPLERS
// at once, so lag includes up to one poll interval). At the end every parent must hold
// exactly its children's count and sum.
const WRITES = Number(process.env.BENCH_CHILD_WRITES ?? 10_000);
const PARENTS = Number(process.env.BENCH_PARENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SAMPLE_EVERY = Number(process.env.BENCH_SAMPLE_EVERY ?? 20);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 32);
// Samplers poll their parent; capped so the polling itself does not become the load.
const MAX_SAMPLERS = 16;
const POLL_MS = 50;

const forms = {
  bench_accounts: {
    title: "Bench account",
    fields: [
      { name: "name", label: "Name", type: "text", required: true },
      {
        name: "children",
        label: "Children",
        type: "rollup",
        rollup: { entity: "bench_items", via: "account", op: "count" },
      },
      {
        name: "total",
        label: "Total",
        type: "rollup",
        rollup: { entity: "bench_items", via: "account", op: "sum", field: "qty" },
      },
    ],
  },
  bench_items: {
    title: "Bench item",
    fields: [
      { name: "title", label: "Title", type: "text", required: true },
      { name: "account", label: "Account", type: "reference", entity: "bench_accounts" },
      { name: "qty", label: "Qty", type: "number" },
    ],
  },
};

async function publish(t: BenchTenant) {
  for (const [entity, config] of Object.entries(forms)) {
    const res = await t.call("PUT", `/admin/config/form/${entity}/default/draft`, { config });
    if (res.status >= 300) throw new Error(`form/${entity}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const published = await t.call("POST", "/admin/config/publish", { message: "bench roll-ups" });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
}

const countOf = async (t: BenchTenant, id: string): Promise<{ children: number; total: number }> => {
  const res = await t.call("GET", `/crm/bench_accounts/${id}`);
  if (res.status !== 200) throw new Error(`parent ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return { children: Number(res.body.data.children ?? 0), total: Number(res.body.data.total ?? 0) };
};

export async function run({ base }: Target) {
  const t = await benchTenant(base, "rollups");
  await publish(t);
  const parents: string[] = [];
  for (let i = 0; i < PARENTS; i++) {
    const res = await t.call("POST", "/crm/bench_accounts", { name: `Account ${i}` });
    if (res.status !== 201) throw new Error(`parent: ${res.status} ${JSON.stringify(res.body)}`);
    parents.push(res.body.id);
  }
  log(
    `• ${PARENTS} parents; ${WRITES} child writes over ${SECONDS} s (${Math.round((WRITES / SECONDS) * 60)}/min), ` +
      `${IN_FLIGHT} in flight`,
  );

  const acked = new Map<string, number>(parents.map((p) => [p, 0]));
  const expectedTotal = new Map<string, number>(parents.map((p) => [p, 0]));
  const lags: number[] = [];
  const samplers: Promise<void>[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const interval = (SECONDS * 1000) / WRITES;

  let sampling = 0;
  const sample = (parent: string, atLeast: number) => {
    if (sampling >= MAX_SAMPLERS) return;
    sampling++;
    samplers.push(
      (async () => {
        const from = performance.now();
        const ok = await waitFor(
          async () => ((await countOf(t, parent)).children >= atLeast ? true : undefined),
          120_000,
          POLL_MS,
        );
        if (ok) lags.push(performance.now() - from);
        else log(`  parent ${parent} did not reach ${atLeast} within 120 s`);
        sampling--;
      })(),
    );
  };

  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= WRITES) return;
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const parent = parents[i % PARENTS]!;
      const qty = (i % 7) + 1;
      const res = await t.call("POST", "/crm/bench_items", { title: `Item ${i}`, account: parent, qty });
      if (res.status !== 201) {
        errors++;
        if (errors <= 5) log(`  write ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        continue;
      }
      const n = acked.get(parent)! + 1;
      acked.set(parent, n);
      expectedTotal.set(parent, expectedTotal.get(parent)! + qty);
      if (i % SAMPLE_EVERY === 0) sample(parent, n);
      if ((i + 1) % 1000 === 0) log(`  ${i + 1} writes after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const writeSeconds = (performance.now() - started) / 1000;
  log(`• writes done in ${writeSeconds.toFixed(1)} s (${errors} errors); waiting for roll-ups to settle`);
  await Promise.all(samplers);

  // Every parent exact at the end: count and sum, nothing lost to concurrent writes.
  const settled = await waitFor(
    async () => {
      for (const p of parents) {
        const got = await countOf(t, p);
        if (got.children !== acked.get(p) || got.total !== expectedTotal.get(p)) return undefined;
      }
      return true;
    },
    600_000,
    500,
  );
  const settleSeconds = (performance.now() - started) / 1000 - writeSeconds;
  let wrong = 0;
  for (const p of parents) {
    const got = await countOf(t, p);
    if (got.children !== acked.get(p) || got.total !== expectedTotal.get(p)) wrong++;
  }
  const lag = summary(lags);
  report("rollups", {
    parents: PARENTS,
    childWrites: WRITES - errors,
    writeErrors: errors,
    writeSeconds: Math.round(writeSeconds * 10) / 10,
    writesPerMinute: Math.round(((WRITES - errors) / writeSeconds) * 60),
    samples: lags.length,
    lagP50Ms: lag.p50,
    lagP99Ms: lag.p99,
    lagMaxMs: lag.max,
    settledAfterWritesSeconds: settled ? Math.round(settleSeconds * 10) / 10 : null,
    parentsWrong: wrong,
    target: { allExact: wrong === 0 },
  });
}
