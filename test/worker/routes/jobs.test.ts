import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TenantHub } from "../../../worker/durable/tenant-hub";
import { parseCsv } from "../../../worker/shared/csv";
import { api, tenantD1, eventually, makeMember, makeTenant, openSocket, type Json, type Session } from "../helpers";

const HEADER = "name,email,revenue";
/** `n` customers; rows listed in `bad` get an e-mail address that is not one. */
function customersCsv(n: number, bad: number[] = []) {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++)
    lines.push(`Customer ${i},${bad.includes(i) ? "not-an-address" : `c${i}@bulk.test`},${i}`);
  return `${lines.join("\r\n")}\r\n`;
}

const startJob = (s: Session, csv: string, query = "") =>
  api("POST", `/crm/customers/import-jobs${query}`, {
    token: s.token,
    raw: csv,
    headers: { "content-type": "text/csv" },
  });
const jobOf = async (s: Session, id: string) => (await api("GET", `/crm/jobs/${id}`, { token: s.token })).body as Json;
const finished = (s: Session, id: string) =>
  eventually(
    async () => {
      const job = await jobOf(s, id);
      return ["succeeded", "failed", "cancelled"].includes(job.state) ? job : undefined;
    },
    60_000,
    `job ${id} to finish`,
  );
const hub = (s: Session) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(s.tenantId));

/** How many customers the tenant has, and how many distinct names among them. */
async function customerCounts(s: Session) {
  const row = await (await tenantD1(s.tenantId))
    .prepare(
      "SELECT count(*) AS n, count(DISTINCT json_extract(data, '$.name')) AS names FROM records " +
        "WHERE tenant_id = ? AND entity = 'customers' AND deleted_at IS NULL",
    )
    .bind(s.tenantId)
    .first<{ n: number; names: number }>();
  return row!;
}

// Imports of thousands of rows: generous timeouts for a loaded machine (they wait on conditions).
describe("import jobs", { timeout: 180_000 }, () => {
  it("imports a file in chunks: writes valid rows, reports rejected ones, with progress on the socket", async () => {
    const admin = await makeTenant();
    const socket = await openSocket(admin);
    const res = await startJob(admin, customersCsv(1200, [7, 900]));
    expect(res.status).toBe(202);
    expect(res.body.job).toMatchObject({
      kind: "import",
      entity: "customers",
      state: "queued",
      total: 1200,
      done: 0,
      failed: 0,
      dryRun: false,
    });
    const job = await finished(admin, res.body.job.id);
    expect(job).toMatchObject({ state: "succeeded", total: 1200, done: 1198, failed: 2 });
    expect(await customerCounts(admin)).toEqual({ n: 1198, names: 1198 });

    const progress = socket.messages.filter((m) => m.type === "job.progress" && m.job.id === job.id);
    expect(progress.some((m) => m.job.state === "running" && m.job.done > 0 && m.job.done < 1198)).toBe(true);
    expect(progress.at(-1).job).toMatchObject({ state: "succeeded", done: 1198, failed: 2 });
    socket.close();

    const report = await exports.default.fetch(`http://pulse.test/api/crm/jobs/${job.id}/errors.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(report.status).toBe(200);
    const rows = parseCsv((await report.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["row", "field", "message"]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ["8", "email"],
      ["901", "email"],
    ]); // the header is row 1
    expect((await api("GET", "/crm/jobs", { token: admin.token })).body.items.map((j: Json) => j.id)).toEqual([job.id]);
  });

  it("finishes with every row exactly once when the tenant object is killed mid-import", async () => {
    const admin = await makeTenant();
    const { body } = await startJob(admin, customersCsv(2000));
    await eventually(
      async () => {
        const job = await jobOf(admin, body.job.id);
        return job.state === "running" && job.done >= 500 && job.done < 2000;
      },
      60_000,
      "the job to be part-way",
    );
    await evictDurableObject(hub(admin)); // like a deploy or a crash: in-memory state and any running alarm are gone
    const job = await finished(admin, body.job.id);
    expect(job).toMatchObject({ state: "succeeded", done: 2000, failed: 0 });
    expect(await customerCounts(admin)).toEqual({ n: 2000, names: 2000 });
  });

  it("replays committed chunks without writing them again when the checkpoint was lost", async () => {
    const admin = await makeTenant();
    const { body } = await startJob(admin, customersCsv(1100, [3]));
    await finished(admin, body.job.id);
    // The worst case of a crash: every chunk committed, no checkpoint saved. Rewind to the start.
    await runInDurableObject(hub(admin), (_: TenantHub, state) => {
      state.storage.sql.exec(
        "UPDATE jobs SET state = 'running', done = 0, failed = 0, chunk = 0, next_row = 2, cursor = ?, " +
          "finished_at = NULL",
        HEADER.length + 2,
      );
    });
    await evictDurableObject(hub(admin));
    await runInDurableObject(hub(admin), async (_: TenantHub, state) => state.storage.setAlarm(Date.now()));
    for (let i = 0; i < 6 && (await jobOf(admin, body.job.id)).state === "running"; i++)
      await runDurableObjectAlarm(hub(admin));
    expect(await finished(admin, body.job.id)).toMatchObject({ state: "succeeded", done: 1099, failed: 1 });
    expect(await customerCounts(admin)).toEqual({ n: 1099, names: 1099 });
  });

  it("accepts files larger than other request bodies", async () => {
    const admin = await makeTenant();
    const big = customersCsv(60_000); // ≈ 2.3 MB, over the 2 MB limit of JSON bodies
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await startJob(admin, big, "?dryRun=true");
    expect(res.status).toBe(202);
    expect(res.body.job.total).toBe(60_000);
    expect((await api("POST", `/crm/jobs/${res.body.job.id}/cancel`, { token: admin.token })).status).toBe(200);
  });

  it("validates every row in a dry run and writes none", async () => {
    const admin = await makeTenant();
    const { body } = await startJob(admin, customersCsv(600, [550]), "?dryRun=true");
    expect(body.job.dryRun).toBe(true);
    expect(await finished(admin, body.job.id)).toMatchObject({ state: "succeeded", done: 599, failed: 1 });
    expect(await customerCounts(admin)).toEqual({ n: 0, names: 0 });
  });

  it("refuses unknown columns and empty files at upload; cancels; keeps jobs to their tenant and roles", async () => {
    const admin = await makeTenant();
    const viewer = await makeMember(admin, "read_only");
    const agent = await makeMember(admin, "agent");
    const other = await makeTenant();
    expect((await startJob(admin, "name,shoe_size\r\nA,42\r\n")).status).toBe(422);
    expect((await startJob(admin, `${HEADER}\r\n\r\n`)).status).toBe(422);
    expect((await startJob(viewer, customersCsv(3))).status).toBe(403);
    expect(
      (
        await api("POST", "/crm/nope/import-jobs", {
          token: admin.token,
          raw: customersCsv(1),
          headers: { "content-type": "text/csv" },
        })
      ).status,
    ).toBe(404);

    const { body } = await startJob(admin, customersCsv(3000));
    expect((await api("POST", `/crm/jobs/${body.job.id}/cancel`, { token: agent.token })).status).toBe(403);
    const cancelled = await api("POST", `/crm/jobs/${body.job.id}/cancel`, { token: admin.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe("cancelled");
    expect((await api("POST", `/crm/jobs/${body.job.id}/cancel`, { token: admin.token })).status).toBe(409);
    // Nothing more is written once it is cancelled, however often the alarm runs.
    const stopped = await customerCounts(admin);
    await runDurableObjectAlarm(hub(admin));
    expect(await customerCounts(admin)).toEqual(stopped);

    expect((await api("GET", `/crm/jobs/${body.job.id}`, { token: other.token })).status).toBe(404);
    expect((await api("GET", "/crm/jobs", { token: other.token })).body.items).toEqual([]);
    expect((await api("GET", `/crm/jobs/${body.job.id}`, { token: viewer.token })).body.state).toBe("cancelled");
  });
});
