import { load, login, percentile, report, type Target } from "./harness";
import { DEMO_PASSWORD, DEMO_USERS } from "../../scripts/demo";

// Login latency (PBKDF2 dominates, by design), then authenticated /api/auth/me against
// /api/health in the same run: their ratio is what authentication costs per request.
export async function run({ base }: Target) {
  const agent = DEMO_USERS.find((u) => u.role === "agent")!;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      // A distinct client address per attempt keeps the per-IP throttle out of the numbers.
      headers: { "content-type": "application/json", "cf-connecting-ip": `203.0.113.${i}` },
      body: JSON.stringify({ email: agent.email, password: DEMO_PASSWORD }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`login ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);

  const { token } = await login(base, "agent");
  const health = await load({ url: `${base}/api/health` });
  const me = await load({ url: `${base}/api/auth/me`, headers: { authorization: `Bearer ${token}` } });
  report("auth", {
    loginP50Ms: percentile(times, 50),
    loginP99Ms: percentile(times, 99),
    meRps: me.rps,
    meP50Ms: me.p50,
    meP99Ms: me.p99,
    healthRps: health.rps,
    healthP50Ms: health.p50,
    healthP99Ms: health.p99,
    meToHealthRatio: Math.round((me.rps / health.rps) * 100) / 100,
    errors: me.errors + me.non2xx + health.errors + health.non2xx,
  });
}
