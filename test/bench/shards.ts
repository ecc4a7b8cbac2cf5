import { benchTenant, log, report, summary, type BenchTenant, type Target } from "./harness";

// Two tenants, each with a write-heavy mix (WRITE_PERCENT creates, the rest list reads) from
// LOOPS concurrent loops for SECONDS, run at the same time: first with the tenants on different
// shards (SHARD_0 and SHARD_1), then with both on SHARD_0 (moved there by the operator routes,
// as scripts/move-tenant.ts does). One JSON line: throughput and p99 per tenant in both placements.
// Locally every D1 database is a SQLite file in one workerd process on this machine's cores, so the
// gap is smaller than on Cloudflare, where each database is its own single-threaded instance.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LOOPS = Number(process.env.BENCH_LOOPS ?? 8);
const WRITE_PERCENT = Number(process.env.BENCH_WRITE_PERCENT ?? 80);

async function placeOn(base: string, t: BenchTenant, shard: string) {
  process.env.PULSE_URL = base;
  const { move } = await import("../../scripts/move-tenant");
  await move(t.tenant.id, shard, 0); // a bench tenant has no other writers: no need to wait out caches
}

async function mix(t: BenchTenant, label: string) {
  const times: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = Date.now();
  const until = started + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: LOOPS }, async () => {
      while (Date.now() < until) {
        const i = n++;
        const write = i % 100 < WRITE_PERCENT;
        const t0 = performance.now();
        const res = write
          ? await t.call("POST", "/crm/customers", { name: `${label} ${i}`, company: "Shard bench", tier: "silver" })
          : await t.call("GET", "/crm/customers?limit=20");
        times.push(performance.now() - t0);
        if (res.status === (write ? 201 : 200)) ok++;
        else failed++;
      }
    }),
  );
  const s = summary(times);
  return {
    opsPerSecond: Math.round((ok / ((Date.now() - started) / 1000)) * 10) / 10,
    p50: s.p50,
    p99: s.p99,
    ok,
    failed,
  };
}

async function both(a: BenchTenant, b: BenchTenant) {
  const [ra, rb] = await Promise.all([mix(a, "A"), mix(b, "B")]);
  return { a: ra, b: rb, totalOpsPerSecond: Math.round((ra.opsPerSecond + rb.opsPerSecond) * 10) / 10 };
}

export async function run(target: Target) {
  if (!process.env.OPS_TOKEN) throw new Error("OPS_TOKEN must be set (the runner sets one for its own dev server)");
  const a = await benchTenant(target.base, "shard-a");
  const b = await benchTenant(target.base, "shard-b");
  await placeOn(target.base, a, "SHARD_0");
  await placeOn(target.base, b, "SHARD_1");
  log(`• different shards: ${LOOPS} loops each, ${WRITE_PERCENT}% writes, ${SECONDS} s`);
  const apart = await both(a, b);
  await placeOn(target.base, b, "SHARD_0");
  log("• same shard (both on SHARD_0)");
  const together = await both(a, b);
  report("shards", {
    seconds: SECONDS,
    loops: LOOPS,
    writePercent: WRITE_PERCENT,
    differentShards: apart,
    sameShard: together,
  });
}
