import { loadavg } from "node:os";
import autocannon from "autocannon";
import WebSocket from "ws";
import { benchTenant, log, openSocket, report, seedCsv, sleep, waitFor, type Target } from "./harness";

// Pulse-8 beside its peer (Directus 11 on SQLite, ../shared/peers/README.md) in one run: the same
// customers in both, the workloads W1–W5 and the bare ceilings, each run Pulse-8, peer, Pulse-8,
// peer (interleaved rounds). Correctness first: the same names on W1 and W2, the same hit count
// on W3. Without PEER_URL only Pulse-8 runs and the ratios are null.
//
//   PEER_URL=http://127.0.0.1:8055 PEER_TOKEN=peer-static-token-0123456789 npm run bench -- peer
const N = Number(process.env.BENCH_RECORDS ?? 100_000);
const PEER = process.env.PEER_URL;
const PTOKEN_PEER = process.env.PEER_TOKEN ?? "peer-static-token-0123456789";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const WRITES = Number(process.env.BENCH_WRITES ?? 5);
const DEPTH = Math.min(50_000, Math.floor(N / 2));
const SEARCH = "Customer 099"; // with 100,000 rows: Customer 099000 … 099999
const TIERS = ["gold", "silver", "bronze"];
const enc = encodeURIComponent;
const r2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function getJson(url: string, headers: Record<string, string>): Promise<any> {
  const r = await fetch(url, { headers });
  const t = await r.text();
  if (!r.ok) throw new Error(`GET ${url} ${r.status} ${t.slice(0, 300)}`);
  return JSON.parse(t);
}

type Opts = {
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  connections: number;
  idReplacement?: boolean;
};
type Round = {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  wrong: number;
  errors: number;
  /** The statuses of the wrong answers, when there were any. */
  wrongCodes?: Record<string, number>;
};

async function cannon(opts: Opts, expect: number): Promise<Round> {
  const res = await autocannon({ duration: SECONDS, ...opts } as autocannon.Options);
  const codes = (res.statusCodeStats ?? {}) as Record<string, { count: number }>;
  const ok = Object.entries(codes).reduce((n, [c, s]) => (Number(c) === expect ? n + s.count : n), 0);
  const wrong = Object.entries(codes).reduce((n, [c, s]) => (Number(c) === expect ? n : n + s.count), 0);
  const wrongCodes = Object.fromEntries(
    Object.entries(codes)
      .filter(([c]) => Number(c) !== expect)
      .map(([c, s]) => [c, s.count]),
  );
  return {
    rps: r2(res.requests.average),
    p50: res.latency.p50,
    p99: res.latency.p99,
    ok,
    wrong,
    errors: res.errors + res.timeouts,
    ...(wrong > 0 ? { wrongCodes } : {}),
  };
}

const agg = (list: Round[]) =>
  list.length === 0
    ? null
    : {
        rps: r2(mean(list.map((x) => x.rps))),
        p50: r2(mean(list.map((x) => x.p50))),
        p99: r2(mean(list.map((x) => x.p99))),
        ok: list.reduce((s, x) => s + x.ok, 0),
        wrong: list.reduce((s, x) => s + x.wrong, 0),
        errors: list.reduce((s, x) => s + x.errors, 0),
      };

async function workload(name: string, pulse: Opts, peer: Opts | null, expect = { pulse: 200, peer: 200 }) {
  const rounds: { pulse: Round[]; peer: Round[] } = { pulse: [], peer: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [who, opts] of [
      ["pulse", pulse],
      ["peer", peer],
    ] as const) {
      if (!opts) continue;
      const res = await cannon(opts, expect[who]);
      rounds[who].push(res);
      log(name, who, `round ${r + 1}`, JSON.stringify(res));
      await sleep(1000);
    }
  }
  const p = agg(rounds.pulse)!,
    d = agg(rounds.peer);
  return { pulse: p, peer: d, ratioRps: d ? r2(p.rps / d.rps) : null, ratioP50: d ? r2(p.p50 / d.p50) : null };
}

export async function run({ base }: Target) {
  const t = await benchTenant(base, "peer");
  const P = { authorization: `Bearer ${t.token}` };
  const D = { authorization: `Bearer ${PTOKEN_PEER}` };

  // The view of W1, as its admin would publish it; its sort (name) gets a seekable sort-key index.
  const view = {
    title: "Gold by name",
    type: "table",
    columns: [{ field: "name" }, { field: "tier" }],
    filter: { field: "tier", op: "eq", value: "gold" },
    sort: [{ field: "name", dir: "desc" }],
    pageSize: 50,
  };
  const draft = await t.call("PUT", "/admin/config/view/customers/gold_by_name/draft", { config: view });
  if (draft.status >= 300) throw new Error(JSON.stringify(draft.body));
  const published = await t.call("POST", "/admin/config/publish", { message: "peer bench view" });
  if (published.status !== 200) throw new Error(JSON.stringify(published.body));

  // The seed's events are broadcast as the tenant object drains the outbox; until that is over,
  // Pulse-8 would be measured with 100,000 events of background work the peer does not have.
  let drained = 0;
  const seedSocket = await openSocket(base, t.token, (m) => {
    if (m.type === "record.changed" && m.entity === "customers" && m.op === "created") drained++;
  });
  log(`• seeding ${N} customers (as directus-seed.mjs does) through the CSV import`);
  const seedStart = performance.now();
  await seedCsv(
    t,
    "customers",
    ["name", "email", "tier", "revenue"],
    (i) => [`Customer ${String(i).padStart(6, "0")}`, `c${i}@example.com`, TIERS[i % 3], (i * 7) % 100000],
    N,
    3,
  );
  const seedSeconds = r2((performance.now() - seedStart) / 1000);
  let [last, lastMove] = [-1, Date.now()];
  await waitFor(
    () => {
      if (drained !== last) [last, lastMove] = [drained, Date.now()];
      if (Date.now() - lastMove > 60_000) throw new Error(`outbox drain stalled at ${drained}/${N}`);
      return drained >= N ? true : undefined;
    },
    3_600_000,
    200,
  );
  const drainSeconds = r2((performance.now() - seedStart) / 1000 - seedSeconds);
  seedSocket.close();
  log(`• seeded in ${seedSeconds} s; outbox drained ${drainSeconds} s later`);
  await sleep(2000);

  const pulse = {
    view: `${base}/api/crm/customers?view=gold_by_name&limit=50`,
    sortDesc: (limit: number, cursor?: string | null) =>
      `${base}/api/crm/customers?sort=-name&limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ""}`,
    search: (limit: number, cursor?: string | null) =>
      `${base}/api/crm/customers?q=${enc(SEARCH)}&limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ""}`,
    create: `${base}/api/crm/customers`,
    health: `${base}/api/health`,
  };
  const peer = PEER
    ? {
        view: `${PEER}/items/customers?filter[tier][_eq]=gold&sort=-name&limit=50`,
        deep: `${PEER}/items/customers?sort=-name&limit=50&offset=${DEPTH}`,
        search: `${PEER}/items/customers?search=${enc(SEARCH)}&limit=50`,
        searchCount: `${PEER}/items/customers?search=${enc(SEARCH)}&aggregate[count]=*`,
        count: `${PEER}/items/customers?aggregate[count]=*`,
        create: `${PEER}/items/customers`,
        ping: `${PEER}/server/ping`,
      }
    : null;
  const pulseCount = async () => Number((await getJson(`${base}/api/crm/dashboard/metrics`, P)).customers.total);
  const peerCount = async () => (peer ? Number((await getJson(peer.count, D)).data[0].count) : null);

  // ── correctness first ──
  const correctness: Record<string, unknown> = {};
  const w1 = (await getJson(pulse.view, P)).items.map((i: any) => i.data.name as string);
  const w1peer = peer ? (await getJson(peer.view, D)).data.map((i: any) => i.name as string) : null;
  correctness.w1 = {
    rows: w1.length,
    sameNames: w1peer ? w1.length === w1peer.length && w1.every((n: string, i: number) => n === w1peer[i]) : null,
    first: w1[0],
  };
  let cursor: string | null = null;
  let seen = 0;
  const walkStart = performance.now();
  while (seen < DEPTH) {
    const page: any = await getJson(pulse.sortDesc(Math.min(200, DEPTH - seen), cursor), P);
    seen += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) throw new Error(`the keyset walk ended at ${seen}`);
  }
  const deepCursor = cursor;
  const w2 = (await getJson(pulse.sortDesc(50, deepCursor), P)).items.map((i: any) => i.data.name as string);
  const w2peer = peer ? (await getJson(peer.deep, D)).data.map((i: any) => i.name as string) : null;
  correctness.w2 = {
    depth: DEPTH,
    walkSeconds: r2((performance.now() - walkStart) / 1000),
    sameNames: w2peer ? w2.length === 50 && w2.every((n: string, i: number) => n === w2peer[i]) : null,
    first: w2[0],
  };
  let hits = 0;
  cursor = null;
  for (let i = 0; i < 100; i++) {
    const page: any = await getJson(pulse.search(200, cursor), P);
    hits += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const peerHits = peer ? Number((await getJson(peer.searchCount, D)).data[0].count) : null;
  correctness.w3 = { term: SEARCH, hits, peerHits, sameCount: peerHits === null ? null : hits === peerHits };
  const rowsBefore = { pulse: await pulseCount(), peer: await peerCount() };
  log(JSON.stringify(correctness));

  // ── load ──
  const results: Record<string, any> = {};
  results.ceiling = await workload(
    "ceiling",
    { url: pulse.health, connections: 20 },
    peer && { url: peer.ping, connections: 20 },
  );
  results.w1 = await workload(
    "w1",
    { url: pulse.view, headers: P, connections: 20 },
    peer && { url: peer.view, headers: D, connections: 20 },
  );
  results.w1c1 = await workload(
    "w1c1",
    { url: pulse.view, headers: P, connections: 1 },
    peer && { url: peer.view, headers: D, connections: 1 },
  );
  results.w2 = await workload(
    "w2",
    { url: pulse.sortDesc(50, deepCursor), headers: P, connections: 20 },
    peer && { url: peer.deep, headers: D, connections: 20 },
  );
  results.w3 = await workload(
    "w3",
    { url: pulse.search(50), headers: P, connections: 20 },
    peer && { url: peer.search, headers: D, connections: 20 },
  );
  const body = JSON.stringify({ name: "Bench create", email: "w4-[<id>]@bench.test", tier: "silver", revenue: 1 });
  const post = (url: string, h: Record<string, string>): Opts => ({
    url,
    method: "POST",
    headers: { ...h, "content-type": "application/json" },
    body,
    idReplacement: true,
    connections: 10,
  });
  results.w4 = await workload("w4", post(pulse.create, P), peer && post(peer.create, D), { pulse: 201, peer: 200 });
  await sleep(2000);
  const rowsAfter = { pulse: await pulseCount(), peer: await peerCount() };
  results.w4.rowCheck = {
    pulse: { added: rowsAfter.pulse - rowsBefore.pulse, answered201: results.w4.pulse.ok },
    peer: peer ? { added: rowsAfter.peer! - rowsBefore.peer!, answered200: results.w4.peer?.ok } : null,
  };

  // ── W5: realtime fan-out ──
  const fan = { pulse: [] as number[], peer: [] as number[], missing: { pulse: 0, peer: 0 } };
  for (let r = 0; r < ROUNDS; r++) {
    const p = await pulseFanout(base, t.token, pulse.create, P);
    fan.pulse.push(...p.times);
    fan.missing.pulse += p.missing;
    if (peer) {
      const d = await peerFanout(peer.create, D);
      fan.peer.push(...d.times);
      fan.missing.peer += d.missing;
    }
  }
  results.w5 = {
    sockets: SOCKETS,
    pulseLastSocketMsMedian: r2(median(fan.pulse)),
    peerLastSocketMsMedian: fan.peer.length ? r2(median(fan.peer)) : null,
    missing: fan.missing,
    ratioLastSocket: fan.peer.length ? r2(median(fan.pulse) / median(fan.peer)) : null,
  };

  report("peer", {
    peer: PEER ? "directus" : null,
    records: N,
    seedSeconds,
    drainSeconds,
    secondsEach: SECONDS,
    rounds: ROUNDS,
    loadavg: loadavg().map(r2),
    correctness,
    ...results,
    firstPageOfCeiling: r2(results.w1.pulse.rps / results.ceiling.pulse.rps),
  });

  async function pulseFanout(baseUrl: string, token: string, createUrl: string, headers: Record<string, string>) {
    const arrivals = new Map<string, number[]>();
    const sockets: WebSocket[] = [];
    for (let i = 0; i < SOCKETS; i += 50) {
      sockets.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, SOCKETS - i) }, () =>
            openSocket(baseUrl, token, (m, at) => {
              if (m.type === "record.changed" && m.op === "created")
                (arrivals.get(m.id as string) ?? arrivals.set(m.id as string, []).get(m.id as string)!).push(at);
            }),
          ),
        )),
      );
    }
    const times: number[] = [];
    let missing = 0;
    for (let w = 0; w < WRITES; w++) {
      await sleep(300);
      const res = await fetch(createUrl, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ name: "Bench fanout", tier: "bronze" }),
      });
      const answered = Date.now();
      const { id } = (await res.json()) as { id: string };
      for (let k = 0; k < 7500 && (arrivals.get(id)?.length ?? 0) < SOCKETS; k++) await sleep(2);
      const got = arrivals.get(id) ?? [];
      missing += SOCKETS - got.length;
      if (got.length) times.push(Math.max(...got) - answered);
    }
    sockets.forEach((s) => s.terminate());
    return { times, missing };
  }

  async function peerFanout(createUrl: string, headers: Record<string, string>) {
    let pending = 0,
      lastAt = 0,
      resolveRound = () => {};
    const sockets: WebSocket[] = [];
    const open = () =>
      new Promise<WebSocket>((res, rej) => {
        const ws = new WebSocket(PEER!.replace(/^http/, "ws") + "/websocket");
        ws.on("open", () => ws.send(JSON.stringify({ type: "auth", access_token: PTOKEN_PEER })));
        ws.on("message", (raw) => {
          const m = JSON.parse(String(raw));
          if (m.type === "auth" && m.status === "ok")
            ws.send(JSON.stringify({ type: "subscribe", collection: "customers", query: { fields: ["id"] } }));
          else if (m.type === "subscription" && m.event === "init") res(ws);
          else if (m.type === "subscription" && m.event === "create") {
            lastAt = Date.now();
            if (--pending === 0) resolveRound();
          } else if (m.type === "ping") ws.send(JSON.stringify({ type: "pong" }));
        });
        ws.on("error", rej);
      });
    for (let i = 0; i < SOCKETS; i += 50)
      sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, SOCKETS - i) }, open))));
    const times: number[] = [];
    let missing = 0;
    for (let w = 0; w < WRITES; w++) {
      await sleep(300);
      pending = SOCKETS;
      const done = new Promise<void>((res) => (resolveRound = res));
      const res = await fetch(createUrl, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ name: "Bench fanout", tier: "bronze" }),
      });
      const answered = Date.now();
      await res.text();
      await Promise.race([done, sleep(15000)]);
      missing += pending;
      if (pending < SOCKETS) times.push(lastAt - answered);
    }
    sockets.forEach((s) => s.terminate());
    return { times, missing };
  }
}
