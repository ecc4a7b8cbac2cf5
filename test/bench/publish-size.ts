import { benchTenant, draftViews, percentile, report, type Target } from "./harness";

// Publish latency when a publish changes 10, 100 and 500 items (5 rounds each).
export async function run({ base }: Target) {
  const results: Record<string, number> = {};
  for (const size of [10, 100, 500]) {
    const t = await benchTenant(base, `size${size}`);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      await draftViews(t.call, size, `r${round}`);
      const started = performance.now();
      const res = await t.call("POST", "/admin/config/publish", { message: `round ${round}` });
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`publish ${res.status} ${JSON.stringify(res.body)}`);
    }
    times.sort((a, b) => a - b);
    results[`items${size}P50Ms`] = percentile(times, 50);
    results[`items${size}MaxMs`] = percentile(times, 100);
  }
  report("publish-size", results);
}
