import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { DEMO_PASSWORD, DEMO_USERS } from "../../scripts/demo";

// Benchmarks run against `npm run dev`: BENCH_URL when one is already running, otherwise the
// harness starts one on BENCH_PORT (default 8799) and stops it afterwards.

export type Target = { base: string; stop: () => void };

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
  const child: ChildProcess = spawn("npm", ["run", "dev"], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (log.includes("Pulse-8 is running at")) return { base, stop };
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
    headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ email: user.email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; tenant: { id: string; slug: string } };
}

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** A fixed-duration load from one process with `connections` concurrent connections. */
export async function load(opts: { url: string; headers?: Record<string, string>; method?: "GET" | "POST"; body?: string; seconds?: number; connections?: number; expect?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    method: opts.method ?? "GET",
    headers: opts.headers,
    body: opts.body,
    duration: opts.seconds ?? 5,
    connections: opts.connections ?? 16,
  });
  const expected = opts.expect ?? 200;
  const wrong = Object.entries(result.statusCodeStats ?? {}).reduce((n, [code, s]) => (Number(code) === expected ? n : n + (s as { count: number }).count), 0);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: wrong };
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
    headers: { "content-type": "application/json", "cf-connecting-ip": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ email: `${id}@bench.test`, password: "bench-password-1", name: "Bench", tenantName: id }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; tenant: { id: string; slug: string } };
  const call = async (method: string, path: string, payload?: unknown) => {
    const r = await fetch(`${base}/api${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${body.token}` },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  return { ...body, call };
}

/** Drafts `count` table views on customers; `salt` changes their content between rounds. */
export async function draftViews(call: Awaited<ReturnType<typeof benchTenant>>["call"], count: number, salt: string, prefix = "bench") {
  const puts = [];
  for (let i = 0; i < count; i++) {
    const config = { title: `${prefix} view ${i} ${salt}`, type: "table", columns: [{ field: "name", width: 240 }, { field: "email" }, { field: "tier" }], sort: [{ field: "name", dir: "asc" }], pageSize: 50 };
    puts.push(call("PUT", `/admin/config/view/customers/${prefix}_${i}/draft`, { config }));
    if (puts.length >= 16) await Promise.all(puts.splice(0));
  }
  await Promise.all(puts);
}
