import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { importChunks } from "../db/schema";
import { tenantHub } from "../lib/hub";
import type { AppEnv } from "../lib/app-env";
import { ApiError, badRequest, conflict, notFound, validationFailed } from "../lib/errors";
import { newId } from "../lib/ids";
import { createRouter } from "../lib/router";
import { errorResponses, IdParam, jsonContent } from "../lib/schemas";
import { authenticate, requireRole } from "../middleware/auth";
import { CONFIG_NAME_RE } from "../shared/config/common";
import { formatCsv } from "../shared/csv";
import { JobSnapshot } from "../shared/protocol";
import { roleAtLeast } from "../shared/roles";
import { countDataRecords, headerOf, scanRecords } from "../services/jobs/csv-window";
import { importCsv } from "../services/records/csv-import";
import { loadEntity } from "../services/records/entity";

// Import jobs: the CSV goes to R2 and the tenant object imports it chunk by chunk on its alarm
// (durable/jobs.ts), reporting `job.progress` on the socket. For files of any size; the
// synchronous POST /crm/:entity/import stays for small ones.

export const MAX_JOB_FILE_BYTES = 50 * 1024 * 1024;
const CSV_TYPES = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"];

const Job = JobSnapshot.openapi("Job");
const EntityParam = z
  .string()
  .regex(CONFIG_NAME_RE)
  .openapi({ param: { name: "entity", in: "path" }, example: "customers" });
const JobParam = z.object({ id: IdParam.openapi({ param: { name: "id", in: "path" } }) });
const common = { tags: ["Jobs"], security: [{ bearer: [] }] };

/** The upload, checked enough that a job can only fail on its rows: UTF-8, a header, known columns. */
async function readUpload(c: Context<AppEnv>) {
  const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type && !CSV_TYPES.includes(type)) throw new ApiError(415, "unsupported_media_type", "Send the file as text/csv");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_JOB_FILE_BYTES)
    throw new ApiError(413, "payload_too_large", `At most ${MAX_JOB_FILE_BYTES / 1024 / 1024} MB per file`, [
      { path: "body", message: "max_job_file_bytes" },
    ]);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_JOB_FILE_BYTES)
    throw new ApiError(413, "payload_too_large", `At most ${MAX_JOB_FILE_BYTES / 1024 / 1024} MB per file`, [
      { path: "body", message: "max_job_file_bytes" },
    ]);
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw badRequest('The file is not UTF-8 text; save it as "CSV UTF-8"');
  }
  const head = headerOf(bytes);
  if (!head || head.header.trim() === "")
    throw validationFailed(
      [{ path: "header", message: "the first row must name the columns" }],
      "The file has no header row",
    );
  const total = countDataRecords(bytes, head.end);
  if (total === 0)
    throw validationFailed([{ path: "rows", message: "the file has no data rows" }], "There is nothing to import");
  return { bytes, ...head, total };
}

/** Column and permission problems refuse the upload now; row problems are the job's to report. */
async function checkColumns(
  c: Context<AppEnv>,
  entity: string,
  upload: { bytes: Uint8Array; header: string; end: number },
) {
  const ctx = await loadEntity(c.env, c.var.principal.tenantId, entity, (p) => c.executionCtx.waitUntil(p));
  const [first] = scanRecords(upload.bytes.subarray(upload.end), 1, true);
  const sample = first ? new TextDecoder().decode(upload.bytes.subarray(upload.end, upload.end + first.end)) : "";
  try {
    await importCsv(c.var.tdb, ctx, c.var.principal, `${upload.header}\r\n${sample}`, { dryRun: true });
  } catch (error) {
    const rowLevel =
      error instanceof ApiError &&
      error.status === 422 &&
      (error.details as { row?: number }[] | undefined)?.every((d) => typeof d.row === "number");
    if (!rowLevel) throw error;
  }
}

export const jobs = createRouter()
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/crm/{entity}/import-jobs",
      summary: "Start a background CSV import (any size up to 50 MB)",
      description:
        "Same columns and validation as POST /crm/{entity}/import, but valid rows are written and rejected ones " +
        "reported (GET /crm/jobs/{id}/errors.csv). The file is stored in R2; the tenant's object imports it in " +
        "chunks of 500 rows, each exactly once even across restarts, and sends `job.progress` on the socket. " +
        "`dryRun=true` validates every row and writes none. Column or permission problems refuse the upload at " +
        "once.",
      middleware: [authenticate(), requireRole("agent")],
      request: {
        params: z.object({ entity: EntityParam }),
        query: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
        body: {
          required: true,
          content: { "text/csv": { schema: z.string().openapi({ example: "name,email\r\nAcme,ops@acme.test\r\n" }) } },
        },
      },
      responses: {
        202: jsonContent(z.object({ job: Job }), "Queued"),
        ...errorResponses(400, 401, 403, 404, 413, 415, 422),
      },
    }),
    async (c) => {
      const { entity } = c.req.valid("param");
      const { tenantId, userId, role } = c.var.principal;
      const upload = await readUpload(c);
      await checkColumns(c, entity, upload);
      const id = newId("job");
      const fileKey = `tenants/${tenantId}/imports/${id}.csv`;
      await c.env.FILES.put(fileKey, upload.bytes, { httpMetadata: { contentType: "text/csv" } });
      const job = await tenantHub(c.env, tenantId).startJob({
        id,
        entity,
        dryRun: c.req.valid("query").dryRun === "true",
        fileKey,
        fileSize: upload.bytes.byteLength,
        header: upload.header,
        headerEnd: upload.end,
        total: upload.total,
        actor: { userId, role },
        now: Date.now(),
      });
      return c.json({ job }, 202);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/jobs",
      summary: "The tenant's background jobs, newest first",
      middleware: [authenticate()],
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonContent(z.object({ items: z.array(Job) }), "Jobs"), ...errorResponses(400, 401) },
    }),
    async (c) =>
      c.json({ items: await tenantHub(c.env, c.var.principal.tenantId).listJobs(c.req.valid("query").limit) }, 200),
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/jobs/{id}",
      summary: "One job's state and progress",
      middleware: [authenticate()],
      request: { params: JobParam },
      responses: { 200: jsonContent(Job, "Job"), ...errorResponses(401, 404) },
    }),
    async (c) => c.json(await jobOr404(c, c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/crm/jobs/{id}/cancel",
      summary: "Stop a queued or running job (rows already written stay)",
      description: "The job's creator or a manager. A finished job is 409.",
      middleware: [authenticate(), requireRole("agent")],
      request: { params: JobParam },
      responses: { 200: jsonContent(Job, "Cancelled"), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { tenantId } = c.var.principal;
      const job = mayManage(c, await jobOr404(c, c.req.valid("param").id));
      if (job.state !== "queued" && job.state !== "running")
        throw conflict("job_finished", `The job has already ${job.state}`);
      return c.json((await tenantHub(c.env, tenantId).cancelJob(job.id))!, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/crm/jobs/{id}/errors.csv",
      summary: "The rows a job rejected and why (CSV: row, field, message)",
      description: "The job's creator or a manager. Rows are numbered as in the file (the header is row 1).",
      middleware: [authenticate()],
      request: { params: JobParam },
      responses: {
        200: { description: "The report", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const job = mayManage(c, await jobOr404(c, c.req.valid("param").id));
      const tdb = c.var.tdb;
      const chunks = await tdb.db
        .select({ problems: importChunks.problems })
        .from(importChunks)
        .where(tdb.scope(importChunks, eq(importChunks.jobId, job.id)))
        .orderBy(asc(importChunks.chunk));
      const rows = chunks.flatMap((ch) => ch.problems.map((p) => [String(p.row), p.field ?? "", p.message]));
      return new Response(formatCsv([["row", "field", "message"], ...rows], { bom: true }), {
        status: 200,
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${job.entity}-import-errors.csv"`,
          "cache-control": "no-store",
        },
      });
    },
  );

async function jobOr404(c: Context<AppEnv>, id: string): Promise<JobSnapshot> {
  const { tenantId } = c.var.principal;
  const job = await tenantHub(c.env, tenantId).getJob(id);
  if (!job) throw notFound("There is no such job");
  return job;
}

/** A job's report and its cancel are for whoever started it, and managers. */
function mayManage(c: Context<AppEnv>, job: JobSnapshot): JobSnapshot {
  const { userId, role } = c.var.principal;
  if (job.createdBy !== userId && !roleAtLeast(role, "manager"))
    throw new ApiError(403, "forbidden", "Only who started the job, or a manager, may do this");
  return job;
}
