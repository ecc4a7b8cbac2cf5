import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import WebSocket from "ws";
import { DEMO_PASSWORD, DEMO_USERS } from "../../scripts/demo";

// Benchmarks run against `npm run dev`: BENCH_URL when one is already running, otherwise the
// harness starts one on BENCH_PORT (default 8799) and stops it afterwards.

/** `pid`: the dev server's process group, when the harness started it (for memory readings). */
export type Target = { base: string; stop: () => void; pid?: number };

async function healthy(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/api/health`)).ok;
  } catch {
    return false;
  }
}

export async function startTarget(): Promise<Target> {
  if (process.env.BENCH_URL) return { base: process.env.BENCH_URL, stop: () => {} };
  const port = Number(process.env.BENCH_PORT ?? 8799);
  const base = `http://localhost:${port}`;
  if (await healthy(base)) return { base, stop: () => {} };
  // Its own state, removed afterwards: a benchmark's 100,000-row tenants neither pile up in the
  // developer's `npm run dev` data (they had grown its shards to 1.3 GB) nor slow the next run.
  const state = process.env.PULSE_STATE_DIR ? undefined : mkdtempSync(join(tmpdir(), "pulse-bench-"));
  const child: ChildProcess = spawn("npm", ["run", "dev"], {
    env: { ...process.env, PORT: String(port), ...(state ? { PULSE_STATE_DIR: state } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  // BENCH_SERVER_LOG=<file> keeps the dev server's whole output (e.g. to read a 500's cause).
  const keep = process.env.BENCH_SERVER_LOG;
  const take = (d: Buffer) => {
    log += d;
    if (keep) appendFileSync(keep, d);
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    if (state) rmSync(state, { recursive: true, force: true });
  };
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (log.includes("Pulse-8 is running at")) return { base, stop, pid: child.pid };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error(`npm run dev did not come up:\n${log.slice(-3000)}`);
}

export async function login(base: string, role: (typeof DEMO_USERS)[number]["role"] = "admin") {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": `198.51.100.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify({ email: user.email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; tenant: { id: string; slug: string } };
}

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** A fixed-duration load from one process with `connections` concurrent connections. */
export async function load(opts: {
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  seconds?: number;
  connections?: number;
  expect?: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    method: opts.method ?? "GET",
    headers: opts.headers,
    body: opts.body,
    duration: opts.seconds ?? 5,
    connections: opts.connections ?? 16,
  });
  const expected = opts.expect ?? 200;
  const wrong = Object.entries(result.statusCodeStats ?? {}).reduce(
    (n, [code, s]) => (Number(code) === expected ? n : n + (s as { count: number }).count),
    0,
  );
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: wrong,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

export function report(name: string, results: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: name, at: new Date().toISOString(), ...results }));
}

/** A fresh tenant of its own, so benchmarks never disturb the demo tenant. */
export async function benchTenant(base: string, label: string) {
  const id = `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const res = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify({ email: `${id}@bench.test`, password: "bench-password-1", name: "Bench", tenantName: id }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; tenant: { id: string; slug: string } };
  // wrangler dev restarts the Worker when a source file changes (people edit worker/ while benches
  // run) and answers a non-GET request it cut with a plain-text 503: send it again. The cut request
  // may have committed, so a retried create can leave one record too many, never one too few.
  const send = async (method: string, path: string, headers: Record<string, string>, payload?: string) => {
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(`${base}/api${path}`, {
        method,
        headers: { ...headers, authorization: `Bearer ${body.token}` },
        body: payload,
      });
      const text = await r.text();
      if (r.status !== 503 || !text.includes("restarted mid-request") || attempt === 5)
        return { status: r.status, body: parseBody(text) };
      log(`  ${method} ${path.slice(0, 80)}: the Worker restarted mid-request; sending it again`);
      await sleep(1000);
    }
  };
  const call = (method: string, path: string, payload?: unknown) =>
    send(
      method,
      path,
      { "content-type": "application/json" },
      payload === undefined ? undefined : JSON.stringify(payload),
    );
  /** POSTs a CSV body to the import endpoint. */
  const importCsv = (entity: string, csv: string) =>
    send("POST", `/crm/${entity}/import`, { "content-type": "text/csv" }, csv);
  return { ...body, call, importCsv };
}

// JSON, or the text itself (e.g. wrangler dev's plain-text 503s).
function parseBody(text: string): any {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export type BenchTenant = Awaited<ReturnType<typeof benchTenant>>;

/** How many of the tenant's `entity` records match `where` (a condition), paged 200 at a time. */
export async function countRecords(t: BenchTenant, entity: string, where: unknown): Promise<number> {
  const filter = encodeURIComponent(JSON.stringify(where));
  let count = 0;
  let cursor: string | null = null;
  do {
    const res = await t.call(
      "GET",
      `/crm/${entity}?where=${filter}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (res.status !== 200) throw new Error(`count: ${res.status} ${JSON.stringify(res.body)}`);
    count += res.body.items.length;
    cursor = res.body.nextCursor;
  } while (cursor);
  return count;
}

/** Progress and diagnostics: stderr, so stdout keeps its one JSON line. */
export const log = (...args: unknown[]) => console.error(...args);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** p50/p99/max of a list of milliseconds (any order), rounded to 0.01 ms. */
export function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: percentile(sorted, 100) };
}

/** Times `n` sequential calls of `fn` (ms each). */
export async function timeSequential(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return times;
}

/** Polls `check` every `everyMs` until it returns a value other than undefined; undefined on timeout. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 5,
): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= until) return undefined;
    await sleep(everyMs);
  }
}

/** One RFC 4180 line. */
export const csvLine = (cells: (string | number | undefined)[]) =>
  cells
    .map((c) => {
      const s = c === undefined ? "" : String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");

/**
 * Creates `total` records through the CSV import (≤ 1,000 rows a request, `parallel` requests at
 * a time), the real write path; `row(i)` gives the cells under `header`. Returns the ids in order.
 */
export async function seedCsv(
  t: BenchTenant,
  entity: string,
  header: string[],
  row: (i: number) => (string | number | undefined)[],
  total: number,
  parallel = 3,
): Promise<string[]> {
  const chunk = 1000;
  const ids: string[][] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    for (let start = next; start < total; start = next) {
      next += chunk;
      const lines = [csvLine(header)];
      for (let i = start; i < Math.min(total, start + chunk); i++) lines.push(csvLine(row(i)));
      const res = await t.importCsv(entity, lines.join("\r\n") + "\r\n");
      if (res.status !== 201)
        throw new Error(
          `import of ${entity} rows ${start}+ failed: ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`,
        );
      ids[start / chunk] = res.body.ids as string[];
      done += res.body.imported as number;
      log(
        `  ${entity}: ${done}/${total} imported (${Math.round(done / ((performance.now() - started) / 1000))} rows/s)`,
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids.flat();
}

/** An authenticated realtime socket; resolves once the server said hello. */
export function openSocket(
  base: string,
  token: string,
  onMessage: (msg: Record<string, unknown>, at: number) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/realtime?token=${token}`);
    ws.on("message", (data) => {
      const at = Date.now();
      const msg = JSON.parse(String(data)) as Record<string, unknown>;
      if (msg.type === "hello") resolve(ws);
      onMessage(msg, at);
    });
    ws.on("error", reject);
  });
}

/** Drafts `count` table views on customers; `salt` changes their content between rounds. */
export async function draftViews(
  call: Awaited<ReturnType<typeof benchTenant>>["call"],
  count: number,
  salt: string,
  prefix = "bench",
) {
  const puts = [];
  for (let i = 0; i < count; i++) {
    const config = {
      title: `${prefix} view ${i} ${salt}`,
      type: "table",
      columns: [{ field: "name", width: 240 }, { field: "email" }, { field: "tier" }],
      sort: [{ field: "name", dir: "asc" }],
      pageSize: 50,
    };
    puts.push(call("PUT", `/admin/config/view/customers/${prefix}_${i}/draft`, { config }));
    if (puts.length >= 16) await Promise.all(puts.splice(0));
  }
  await Promise.all(puts);
}
