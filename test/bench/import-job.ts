import os from "node:os";
import {
  benchTenant,
  csvLine,
  log,
  openSocket,
  report,
  seedCsv,
  sleep,
  summary,
  timeSequential,
  type Target,
} from "./harness";

// A background import of BENCH_ROWS customers (default 100,000) run by the tenant's object, and
// meanwhile another tenant's list reads. Reports rows/s (the job's own start → finish, and the
// wall clock from the upload), the time from the upload to the first job.progress with rows done,
// and the other tenant's list-read p50 during the job against the same reads when it is quiet.
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const OTHER_RECORDS = 1000;

function customersCsv(n: number, salt: string): string {
  const lines = [csvLine(["name", "email", "company", "revenue"])];
  for (let i = 0; i < n; i++)
    lines.push(csvLine([`Imported ${i}`, `i${i}.${salt}@bench.test`, `Company ${i % 97}`, i % 10_000]));
  return `${lines.join("\r\n")}\r\n`;
}

export async function run(target: Target) {
  const t = await benchTenant(target.base, "import-job");
  const other = await benchTenant(target.base, "import-other");
  await seedCsv(other, "customers", ["name", "company"], (i) => [`Other ${i}`, `Other Co ${i % 13}`], OTHER_RECORDS);
  const read = async () => {
    const res = await other.call("GET", "/crm/customers?limit=50");
    if (res.status !== 200) throw new Error(`list read: ${res.status}`);
  };
  await timeSequential(5, read); // warm
  const quiet = summary(await timeSequential(SAMPLES, read));

  let firstProgressAt: number | undefined;
  const socket = await openSocket(target.base, t.token, (msg, at) => {
    const job = msg.job as { done?: number; failed?: number } | undefined;
    if (msg.type === "job.progress" && firstProgressAt === undefined && job && (job.done ?? 0) + (job.failed ?? 0) > 0)
      firstProgressAt = at;
  });
  const csv = customersCsv(ROWS, Date.now().toString(36));
  log(`  uploading ${ROWS} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB)`);
  const uploadedAt = Date.now();
  const started = await fetch(`${target.base}/api/crm/customers/import-jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.token}`, "content-type": "text/csv" },
    body: csv,
  });
  if (started.status !== 202) throw new Error(`import-jobs: ${started.status} ${(await started.text()).slice(0, 500)}`);
  const { job } = (await started.json()) as { job: { id: string } };

  const during: number[] = [];
  let final: Record<string, any> | undefined;
  for (let polls = 0; !final; polls++) {
    during.push(...(await timeSequential(5, read)));
    if (polls % 4 === 0) {
      const res = await t.call("GET", `/crm/jobs/${job.id}`);
      if (["succeeded", "failed", "cancelled"].includes(res.body.state)) final = res.body;
      else if (polls % 20 === 0) log(`  ${res.body.done + res.body.failed}/${res.body.total} rows (${res.body.state})`);
    }
    await sleep(50);
  }
  const finishedAt = Date.now();
  socket.close();
  const jobSeconds = (Date.parse(final.finishedAt) - Date.parse(final.startedAt)) / 1000;
  const duringP50 = summary(during).p50;
  report("import-job", {
    rows: ROWS,
    state: final.state,
    done: final.done,
    failed: final.failed,
    rowsPerSec: Math.round(final.done / jobSeconds),
    wallRowsPerSec: Math.round(final.done / ((finishedAt - uploadedAt) / 1000)),
    jobSeconds: Math.round(jobSeconds * 10) / 10,
    firstProgressMs: firstProgressAt === undefined ? null : firstProgressAt - uploadedAt,
    otherTenantListP50Ms: {
      quiet: quiet.p50,
      duringJob: duringP50,
      ratio: Math.round((duringP50 / quiet.p50) * 100) / 100,
      samplesDuring: during.length,
    },
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  });
}
