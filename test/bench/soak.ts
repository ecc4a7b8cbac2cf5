import { readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type WebSocket from "ws";
import {
  benchTenant,
  draftViews,
  log,
  openSocket,
  report,
  seedCsv,
  sleep,
  summary,
  type BenchTenant,
  type Target,
} from "./harness";

// A long mixed workload over several tenants at ~70 % of what this server sustains, with the
// deployment's default limits (the runner does not lift them for this bench): list reads, record
// reads, searches, creates (each runs an automation), updates, a publish per tenant a minute, and
// open sockets. First a short probe finds the sustained rate; then SOAK_SECONDS at 70 % of it,
// open loop (requests start on a clock, not when the last one answered). Reports errors, p99 for
// each minute (flat is the target), and the dev server's memory (workerd's RSS) at start and end.
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const TENANTS = Number(process.env.SOAK_TENANTS ?? 3);
const AGENTS = 3; // per tenant: the per-user request share (1,200 a minute) bounds one user's rate
const ROWS = Number(process.env.SOAK_ROWS ?? 1000);
const SOCKETS_PER_TENANT = Number(process.env.SOAK_SOCKETS ?? 5);
// Parts of the mix can be left out to find what a drift comes from (each on by default).
const PUBLISHES = process.env.SOAK_PUBLISHES !== "0";
const AUTOMATIONS = process.env.SOAK_AUTOMATIONS !== "0";
const PROBE_SECONDS = 8;
const SHARE = 0.7;
const MAX_IN_FLIGHT = 64;
const PER_USER_RPS = 1200 / 60;
const WRITES_PER_TENANT_RPS = 1200 / 60;

type Tenant = {
  t: BenchTenant;
  tokens: string[];
  ids: string[];
  received: number;
  closed: number;
  sockets: WebSocket[];
};
type Op = {
  kind: string;
  method: string;
  path: (x: Tenant) => string;
  body?: (x: Tenant, n: number) => unknown;
  weight: number;
};

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

// The mix, by weight; writes are 15 % of requests.
const OPS: Op[] = [
  { kind: "list", method: "GET", path: () => "/crm/customers?limit=20", weight: 45 },
  {
    kind: "listSorted",
    method: "GET",
    path: () =>
      `/crm/customers?limit=20&sort=-name&where=` +
      `${encodeURIComponent(JSON.stringify({ field: "tier", op: "eq", value: "gold" }))}`,
    weight: 15,
  },
  { kind: "get", method: "GET", path: (x) => `/crm/customers/${pick(x.ids)}`, weight: 15 },
  {
    kind: "search",
    method: "GET",
    path: () => `/crm/customers?limit=20&q=${encodeURIComponent(`soak ${Math.floor(Math.random() * 100)}`)}`,
    weight: 10,
  },
  {
    kind: "create",
    method: "POST",
    path: () => "/crm/customers",
    body: (_x, n) => ({ name: `Soak new ${n}`, company: "Soak Co", tier: "silver" }),
    weight: 8,
  },
  {
    kind: "update",
    method: "PATCH",
    path: (x) => `/crm/customers/${pick(x.ids)}`,
    body: (_x, n) => ({ notes: `touched ${n}` }),
    weight: 7,
  },
];
const TOTAL_WEIGHT = OPS.reduce((n, o) => n + o.weight, 0);
const WRITE_SHARE = OPS.filter((o) => o.method !== "GET").reduce((n, o) => n + o.weight, 0) / TOTAL_WEIGHT;

function chooseOp(): Op {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const op of OPS) if ((r -= op.weight) < 0) return op;
  return OPS[0]!;
}

async function setUp(base: string, i: number): Promise<Tenant> {
  const t = await benchTenant(base, `soak${i}`);
  const ids = await seedCsv(
    t,
    "customers",
    ["name", "company", "tier"],
    (n) => [`Soak ${n % 100} customer ${n}`, "Seed Co", n % 3 ? "silver" : "gold"],
    ROWS,
    2,
  );
  for (const [ns, key, config] of AUTOMATIONS
    ? ([
        ["trigger", "soak_created", { on: "create", when: { field: "company", op: "eq", value: "Soak Co" } }],
        ["action", "mark", { type: "update_record", set: { notes: "seen by automation" } }],
        ["automation", "soak_mark", { trigger: "soak_created", actions: ["mark"] }],
      ] as const)
    : []) {
    const res = await t.call("PUT", `/admin/config/${ns}/customers/${key}/draft`, { config });
    if (res.status >= 300) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (AUTOMATIONS) {
    const published = await t.call("POST", "/admin/config/publish", { message: "soak automation" });
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  }
  const tokens = [t.token];
  for (let a = 0; a < AGENTS; a++) {
    const email = `soak-${a}-${t.tenant.slug}@bench.test`;
    const added = await t.call("POST", "/admin/members", {
      email,
      name: `Soak agent ${a}`,
      password: "bench-password-1",
      role: "agent",
    });
    if (added.status !== 201) throw new Error(`member: ${added.status} ${JSON.stringify(added.body)}`);
    const res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `198.18.${100 + i}.${a}` },
      body: JSON.stringify({ email, password: "bench-password-1" }),
    });
    if (!res.ok) throw new Error(`login: ${res.status}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const x: Tenant = { t, tokens, ids, received: 0, closed: 0, sockets: [] };
  for (let s = 0; s < SOCKETS_PER_TENANT; s++) {
    const ws = await openSocket(base, tokens[s % tokens.length]!, () => x.received++);
    ws.on("close", () => x.closed++);
    x.sockets.push(ws);
  }
  return x;
}

/** `server`: the Worker's own time for the request (its Server-Timing total), when it answered. */
type Sample = { at: number; ms: number; server?: number; ok: boolean; status: number; kind: string };

const serverTime = (res: Response) => {
  const dur = /total;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1];
  return dur === undefined ? undefined : Number(dur);
};

/** Starts requests at `rps` for `seconds` (open loop); each sample says when it started and how long it took. */
async function drive(
  base: string,
  tenants: Tenant[],
  rps: number,
  seconds: number,
  onMinute?: (minute: number) => void,
) {
  const samples: Sample[] = [];
  let inFlight = 0;
  let skipped = 0;
  let n = 0;
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let minute = 0;
  for (let i = 0; ; i++) {
    const due = started + (i * 1000) / rps;
    const now = performance.now();
    if (due - started > seconds * 1000) break;
    if (due > now) await sleep(due - now);
    if (Math.floor((performance.now() - started) / 60_000) > minute) onMinute?.(++minute);
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped++;
      continue;
    }
    const x = tenants[i % tenants.length]!;
    const op = chooseOp();
    const token = x.tokens[Math.floor(i / tenants.length) % x.tokens.length]!;
    const body = op.body?.(x, n++);
    inFlight++;
    const t0 = performance.now();
    const p = fetch(`${base}/api${op.path(x)}`, {
      method: op.method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
      .then(async (res) => {
        await res.arrayBuffer();
        samples.push({
          at: t0 - started,
          ms: performance.now() - t0,
          server: serverTime(res),
          ok: res.ok,
          status: res.status,
          kind: op.kind,
        });
      })
      .catch(
        () => void samples.push({ at: t0 - started, ms: performance.now() - t0, ok: false, status: 0, kind: op.kind }),
      )
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
  return { samples, skipped, elapsed: (performance.now() - started) / 1000 };
}

/** The dev server's workerd processes (in the harness's process group): resident MB and CPU ms so far. */
function serverUsage(pid: number | undefined): { memoryMb: number; cpuMs: number } | null {
  if (!pid) return null;
  let kb = 0;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pid || !stat.includes("(workerd)")) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // the process ended while we looked
    }
  }
  return kb ? { memoryMb: Math.round(kb / 1024), cpuMs: ticks * 10 } : null; // USER_HZ = 100
}

export async function run(target: Target) {
  const { base } = target;
  log(`• ${TENANTS} tenants with ${ROWS} customers, ${AGENTS} agents and ${SOCKETS_PER_TENANT} sockets each`);
  const tenants: Tenant[] = [];
  for (let i = 0; i < TENANTS; i++) tenants.push(await setUp(base, i));

  // The probe: as fast as MAX_IN_FLIGHT allows; sustained = answered 2xx per second.
  log(`• probing the sustained rate for ${PROBE_SECONDS} s`);
  const probe = await drive(base, tenants, 2000, PROBE_SECONDS);
  const capacity = probe.samples.filter((s) => s.ok).length / probe.elapsed;
  // Stay inside the fair shares too, so a refusal would be a fault, not the limit doing its job.
  const shareCap = Math.min(TENANTS * (AGENTS + 1) * PER_USER_RPS, (TENANTS * WRITES_PER_TENANT_RPS) / WRITE_SHARE);
  const rps = Math.max(1, Math.round(SHARE * Math.min(capacity, shareCap)));
  log(
    `  sustained ${Math.round(capacity)} req/s (fair shares allow ${Math.round(shareCap)}); soaking at ${rps} ` +
      `req/s for ${SECONDS} s`,
  );
  await sleep(60_000); // let the probe's per-minute share window pass

  const start = serverUsage(target.pid);
  // Each minute: the runtime's CPU and memory, and how late this process's own event loop ran (a
  // late client inflates every latency it measures).
  const usage = [start];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const clientLagP99 = [] as number[];
  loopDelay.enable();
  const minuteMark = () => {
    usage.push(serverUsage(target.pid));
    clientLagP99.push(Math.round(loopDelay.percentile(99) / 1e4) / 100);
    loopDelay.reset();
  };
  let publishes = 0;
  let publishErrors = 0;
  const publishAll = async (round: number) => {
    for (const x of tenants) {
      await draftViews(x.t.call, 3, `round ${round}`, "soak");
      const res = await x.t.call("POST", "/admin/config/publish", { message: `soak round ${round}` });
      if (res.status === 200) publishes++;
      else publishErrors++;
    }
  };
  const soak = await drive(base, tenants, rps, SECONDS, (minute) => {
    minuteMark();
    if (PUBLISHES) void publishAll(minute);
  });
  minuteMark();
  loopDelay.disable();
  const end = usage.at(-1) ?? null;

  const errors = soak.samples.filter((s) => !s.ok);
  const minutes = Array.from({ length: Math.ceil(SECONDS / 60) }, (_, m) =>
    soak.samples.filter((s) => Math.floor(s.at / 60_000) === m),
  );
  const p99 = (xs: number[]) => (xs.length ? summary(xs).p99 : null);
  const perMinute = minutes.map((inMinute) => p99(inMinute.map((s) => s.ms)));
  // The Worker's own time: a drift here is inside the runtime, not on the way to it.
  const serverPerMinute = minutes.map((inMinute) => p99(inMinute.flatMap((s) => s.server ?? [])));
  // The runtime's CPU per request answered, each minute: a growing figure is work that accumulates.
  const cpuPerRequest = minutes.map((inMinute, m) => {
    const [a, b] = [usage[m], usage[m + 1]];
    return a && b && inMinute.length ? Math.round(((b.cpuMs - a.cpuMs) / inMinute.length) * 100) / 100 : null;
  });
  // Per kind, the Worker's median time each minute: a query that slows as a tenant's data grows
  // shows here, where one slow neighbour's queueing (the p99s above) does not.
  const serverP50ByKind = Object.fromEntries(
    OPS.map((op) => [
      op.kind,
      minutes.map((inMinute) => {
        const xs = inMinute.flatMap((s) => (s.kind === op.kind ? (s.server ?? []) : []));
        return xs.length ? summary(xs).p50 : null;
      }),
    ]),
  );
  const byKind = Object.fromEntries(
    OPS.map((op) => [op.kind, summary(soak.samples.filter((s) => s.kind === op.kind).map((s) => s.ms)).p99]),
  );
  const socketsClosed = tenants.reduce((n, x) => n + x.closed, 0);
  const socketMessages = tenants.reduce((n, x) => n + x.received, 0);
  for (const x of tenants) for (const ws of x.sockets) ws.close();
  const p99s = perMinute.filter((p): p is number => p !== null);

  report("soak", {
    seconds: SECONDS,
    tenants: TENANTS,
    probeRps: Math.round(capacity),
    shareCapRps: Math.round(shareCap),
    targetRps: rps,
    achievedRps: Math.round(soak.samples.length / soak.elapsed),
    requests: soak.samples.length,
    skippedAtInFlightCap: soak.skipped,
    errors: errors.length,
    errorStatuses: errors.reduce<Record<string, number>>((m, s) => ({ ...m, [s.status]: (m[s.status] ?? 0) + 1 }), {}),
    p50Ms: summary(soak.samples.map((s) => s.ms)).p50,
    p99Ms: summary(soak.samples.map((s) => s.ms)).p99,
    p99PerMinuteMs: perMinute,
    serverP99PerMinuteMs: serverPerMinute,
    serverCpuMsPerRequestPerMinute: cpuPerRequest,
    serverP50PerMinuteByKindMs: serverP50ByKind,
    // (A last look at the very end of the last minute adds nothing: one entry per minute, one reading per edge.)
    clientLoopDelayP99PerMinuteMs: clientLagP99.slice(0, minutes.length),
    memoryPerMinuteMb: usage.slice(0, minutes.length + 1).map((u) => u?.memoryMb ?? null),
    parts: { publishes: PUBLISHES, automations: AUTOMATIONS, socketsPerTenant: SOCKETS_PER_TENANT },
    p99ByKindMs: byKind,
    p99MinuteSpread: p99s.length ? Math.round((Math.max(...p99s) / Math.min(...p99s)) * 100) / 100 : null,
    publishes,
    publishErrors,
    socketMessages,
    socketsClosed,
    memoryStartMb: start?.memoryMb ?? null,
    memoryEndMb: end?.memoryMb ?? null,
  });
}
