import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  benchTenant,
  load,
  log,
  openSocket,
  report,
  seedCsv,
  summary,
  timeSequential,
  waitFor,
  type Target,
} from "./harness";
import { loadBetterSqlite, localD1File, migratedDatabase } from "./local-sqlite";

// 100,000 deals in one tenant, seeded through the CSV import (the real write path, search index
// included). Then p50/p99 of a published view's filtered + sorted page, of a keyset page ~100
// pages deep, of a `q` search, and creates/s; plus the view's page as the same SQL on a plain
// SQLite file (better-sqlite3) with the same schema and rows: platformOverhead = worker / sqlite.
const TOTAL = Number(process.env.BENCH_RECORDS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const DEPTH = 100; // pages
const ENTITY = "deals";
const VIEW = "bench_top";
const SOURCES = ["inbound", "inbound", "outbound", "referral", "partner", "event", "outbound"];
const SEARCH_WORD = "escalation";

const COMPANIES = [
  "Northwind",
  "Contoso",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Acme",
  "Vandelay",
  "Soylent",
  "Tyrell",
  "Cyberdyne",
  "Wonka",
  "Gringotts",
  "Aperture",
  "Oscorp",
  "Pied Piper",
  "Massive Dynamic",
  "Blue Sun",
];
const PRODUCTS = [
  "Analytics",
  "Platform",
  "Support",
  "Cloud",
  "Security",
  "Data",
  "Mobile",
  "Payments",
  "Logistics",
  "Insights",
];
const KINDS = ["renewal", "expansion", "new business", "upsell", "pilot", "migration"];
const WORDS = (
  "budget approved procurement legal review champion left pricing objection competitor evaluation " +
  "security questionnaire demo scheduled follow up next quarter signed contract redlines discount requested " +
  "stakeholder meeting onboarding timeline integration " +
  "churn risk executive sponsor reference call trial extended invoice pending renewal forecast upside commit pipeline"
).split(" ");

/** A deterministic PRNG, so every run seeds the same data. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(8);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

function dealRow(i: number): (string | number | undefined)[] {
  const amount = rand() < 0.03 ? undefined : Math.round(rand() ** 2 * 50_000_000) / 100; // a few without an amount
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
  const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick(WORDS));
  if (rand() < 0.02) words.splice(Math.floor(rand() * words.length), 0, SEARCH_WORD); // ~2 % match the search
  return [
    `${pick(COMPANIES)} ${pick(PRODUCTS)} ${pick(KINDS)} #${i}`,
    amount,
    day,
    pick(SOURCES),
    Math.floor(rand() * 30),
    words.join(" "),
  ];
}

export async function run({ base }: Target) {
  const t = await benchTenant(base, "records");
  const view = {
    title: "Top inbound and referral deals",
    type: "table",
    columns: [{ field: "name" }, { field: "amount" }, { field: "source" }, { field: "closeDate" }],
    filter: { field: "source", op: "in", value: ["inbound", "referral"] },
    sort: [{ field: "amount", dir: "desc" }],
    pageSize: 50,
  };
  const draft = await t.call("PUT", `/admin/config/view/${ENTITY}/${VIEW}/draft`, { config: view });
  if (draft.status >= 300) throw new Error(JSON.stringify(draft.body));
  const published = await t.call("POST", "/admin/config/publish", { message: "bench view" });
  if (published.status !== 200) throw new Error(JSON.stringify(published.body));

  // Every committed event is broadcast when the tenant object drains the outbox: counting them
  // tells when the write path's background work is over, so it does not leak into the reads.
  let drained = 0;
  const socket = await openSocket(base, t.token, (msg) => {
    if (msg.type === "record.changed" && msg.entity === ENTITY && msg.op === "created") drained++;
  });

  log(`• seeding ${TOTAL} ${ENTITY} through POST /api/crm/${ENTITY}/import`);
  const seedStart = performance.now();
  await seedCsv(t, ENTITY, ["name", "amount", "closeDate", "source", "discount", "notes"], dealRow, TOTAL, 3);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  let [last, lastMove, lastLog] = [-1, Date.now(), Date.now()];
  await waitFor(
    () => {
      if (drained !== last) [last, lastMove] = [drained, Date.now()];
      if (Date.now() - lastMove > 60_000) throw new Error(`outbox drain stalled at ${drained}/${TOTAL}`);
      if (Date.now() - lastLog > 5000) [lastLog] = [Date.now(), log(`  outbox drained: ${drained}/${TOTAL}`)];
      return drained >= TOTAL ? true : undefined;
    },
    3_600_000,
    200,
  );
  const drainSeconds = (performance.now() - seedStart) / 1000 - seedSeconds;
  log(`• seeded in ${seedSeconds.toFixed(1)} s; outbox drained ${drainSeconds.toFixed(1)} s later`);

  const auth = { authorization: `Bearer ${t.token}` };
  const get = async (path: string) => {
    const res = await fetch(`${base}/api/crm/${ENTITY}${path}`, { headers: auth });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as { items: { id: string; data: Record<string, unknown> }[]; nextCursor: string | null };
  };
  const viewPath = `?view=${VIEW}&limit=50`;
  const firstPage = await get(viewPath);

  // Walk the keyset DEPTH pages deep (or as deep as the data goes).
  let cursor: string | null = firstPage.nextCursor;
  let deepPath = viewPath;
  let depth = 1;
  for (; depth < DEPTH && cursor; depth++) {
    deepPath = `${viewPath}&cursor=${encodeURIComponent(cursor)}`;
    cursor = (await get(deepPath)).nextCursor;
  }
  const searchPath = `?q=${SEARCH_WORD}&limit=50`;
  const searchHits = (await get(searchPath)).items.length;

  log(`• timing ${SAMPLES} sequential requests each: view page, page ${depth}, q=${SEARCH_WORD}`);
  const viewSeq = summary(await timeSequential(SAMPLES, () => get(viewPath)));
  const deepSeq = summary(await timeSequential(SAMPLES, () => get(deepPath)));
  const searchSeq = summary(await timeSequential(SAMPLES, () => get(searchPath)));
  log("• autocannon: view page, 5 s");
  const viewLoad = await load({
    url: `${base}/api/crm/${ENTITY}${viewPath}`,
    headers: auth,
    seconds: 5,
    connections: 8,
  });

  const baseline = sqliteBaseline(
    t.tenant.id,
    firstPage.items.map((i) => i.id),
  );

  log("• autocannon: POST creates, 5 s");
  const creates = await load({
    url: `${base}/api/crm/${ENTITY}`,
    method: "POST",
    seconds: 5,
    connections: 8,
    expect: 201,
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Bench create",
      amount: 1234.5,
      source: "event",
      closeDate: "2027-03-01",
      notes: "created under load",
    }),
  });
  socket.close();

  report("records", {
    records: TOTAL,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    seedRowsPerSec: Math.round(TOTAL / seedSeconds),
    outboxDrainSeconds: Math.round(drainSeconds * 10) / 10,
    viewPageP50Ms: viewSeq.p50,
    viewPageP99Ms: viewSeq.p99,
    viewPageLoadRps: viewLoad.rps,
    viewPageLoadP50Ms: viewLoad.p50,
    viewPageLoadP99Ms: viewLoad.p99,
    deepPage: depth,
    deepPageP50Ms: deepSeq.p50,
    deepPageP99Ms: deepSeq.p99,
    searchHitsFirstPage: searchHits,
    searchP50Ms: searchSeq.p50,
    searchP99Ms: searchSeq.p99,
    createsPerSec: creates.rps,
    createP50Ms: creates.p50,
    createP99Ms: creates.p99,
    sqliteBaseline: baseline,
    platformOverhead: baseline ? Math.round((viewSeq.p50 / baseline.p50Ms) * 10) / 10 : null,
    errors: viewLoad.errors + viewLoad.non2xx + creates.errors + creates.non2xx,
  });
}

// The Worker's SQL for the view's first page, as read.ts + query.ts + paging.ts build it:
// tenant/entity/deleted scope, the view filter (`in` over json_extract), ORDER BY the sort key in
// its total order over NULLs (paging.ts) with the id as tie-breaker, limit + 1.
const VIEW_PAGE_SQL = `SELECT records.id, records.entity, records.data, records.status, records.version,
  records.owner_id, records.assignee_id, records.created_at, records.updated_at, records.created_by, records.updated_by,
  json_array(json_extract(records.data, '$.amount'), records.id)
FROM records
WHERE records.tenant_id = ? AND records.entity = ? AND records.deleted_at IS NULL
  AND json_extract(records.data, '$.source') IN (?, ?)
ORDER BY coalesce(json_extract(records.data, '$.amount'), -9e999) DESC, records.id DESC
LIMIT ?`;

/** The same page on a local SQLite file holding a copy of the tenant's rows; null when impossible. */
function sqliteBaseline(tenantId: string, apiIds: string[]) {
  const Database = loadBetterSqlite();
  if (!Database) return null;
  const source = localD1File(Database, tenantId);
  if (!source) {
    log("✖ sqliteBaseline: no local D1 file with this tenant's rows under .wrangler/ (BENCH_URL on another machine?)");
    return null;
  }
  const file = join(tmpdir(), `pulse8-bench-${process.pid}.sqlite`);
  const db = migratedDatabase(Database, file);
  try {
    const src = new Database(source, { readonly: true, fileMustExist: true });
    const rows = src
      .prepare("SELECT * FROM records WHERE tenant_id = ? AND entity = ?")
      .raw(true)
      .all(tenantId, ENTITY) as unknown[][];
    const columns = src
      .prepare("SELECT name FROM pragma_table_info('records') ORDER BY cid")
      .raw(true)
      .all()
      .map((r) => (r as string[])[0]);
    // The expression indexes the Worker built for the published views (not in migrations/).
    const indexes = src
      .prepare(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND (name LIKE 'records_f_%' OR name LIKE 'records_k_%')",
      )
      .raw(true)
      .all()
      .map((r) => (r as string[])[0]!);
    src.close();
    for (const ddl of indexes) db.exec(ddl);
    const insert = db.prepare(
      `INSERT INTO records (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    db.transaction(() => rows.forEach((r) => insert.run(...r)))();
    log(`• sqlite baseline: ${rows.length} rows copied from ${source}`);
    const page = db.prepare(VIEW_PAGE_SQL).raw(true);
    const params = [tenantId, ENTITY, "inbound", "referral", 51];
    log(
      "  plan:",
      JSON.stringify(
        db
          .prepare(`EXPLAIN QUERY PLAN ${VIEW_PAGE_SQL}`)
          .all(...params)
          .map((r) => (r as { detail: string }).detail),
      ),
    );
    const ids = (page.all(...params) as unknown[][]).slice(0, 50).map((r) => r[0]);
    const samePage = ids.length === apiIds.length && ids.every((id, i) => id === apiIds[i]);
    if (!samePage)
      log("✖ sqlite baseline: its first page differs from the API's (the literal SQL no longer matches the Worker's)");
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      for (const r of page.all(...params) as unknown[][]) JSON.parse(r[2] as string); // the Worker parses data too
      times.push(performance.now() - started);
    }
    const s = summary(times);
    return { p50Ms: s.p50, p99Ms: s.p99, rows: rows.length, samePage };
  } finally {
    db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
}
