import { benchTenant, load, report, type Target } from "./harness";

// GET /api/runtime/config with a ~200 KB snapshot: the full read, the 304 path, and
// /api/health in the same run. Targets: 304 ≥ 80 % and full ≥ 50 % of health's rate.
export async function run({ base }: Target) {
  const t = await benchTenant(base, "runtime");
  // Custom entities with wide forms until the snapshot is about 200 KB.
  for (let e = 0; e < 50; e++) {
    const fields = Array.from({ length: 24 }, (_, i) => ({
      name: `field_${i}`,
      label: `Field number ${i} of entity ${e}`,
      type: i % 3 ? "text" : "number",
      help: "Bench help text that makes the snapshot realistic in size.",
    }));
    const res = await t.call("PUT", `/admin/config/form/entity_${e}/default/draft`, {
      config: { title: `Entity ${e}`, fields },
    });
    if (res.status >= 300) throw new Error(JSON.stringify(res.body));
  }
  const published = await t.call("POST", "/admin/config/publish", { message: "bench" });
  if (published.status !== 200) throw new Error(JSON.stringify(published.body));

  const auth = { authorization: `Bearer ${t.token}` };
  const first = await fetch(`${base}/api/runtime/config`, { headers: auth });
  const bytes = (await first.arrayBuffer()).byteLength;
  const etag = first.headers.get("etag")!;

  const health = await load({ url: `${base}/api/health` });
  const full = await load({ url: `${base}/api/runtime/config`, headers: auth });
  const notModified = await load({
    url: `${base}/api/runtime/config`,
    headers: { ...auth, "if-none-match": etag },
    expect: 304,
  });
  report("runtime-config", {
    snapshotBytes: bytes,
    healthRps: health.rps,
    fullRps: full.rps,
    fullP50Ms: full.p50,
    fullP99Ms: full.p99,
    notModifiedRps: notModified.rps,
    notModifiedP50Ms: notModified.p50,
    notModifiedP99Ms: notModified.p99,
    fullToHealth: Math.round((full.rps / health.rps) * 100) / 100,
    notModifiedToHealth: Math.round((notModified.rps / health.rps) * 100) / 100,
    errors: health.errors + full.errors + notModified.errors + health.non2xx + full.non2xx + notModified.non2xx,
  });
}
