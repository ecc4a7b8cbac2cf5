import { eq } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import { importChunks } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { importCsv, type RowProblem } from "../records/csv-import";
import type { EntityContext } from "../records/entity";

// One chunk of an import job, through the same validation and writes as POST /crm/:entity/import.
// That import is all or nothing; a job instead writes the valid rows and reports the others:
// rejected rows are blanked (keeping every row's number) and the rest is imported again. The
// chunk's marker row commits with its records, so a chunk is written exactly once.

export type ChunkInput = {
  tdb: TenantDb;
  ctx: EntityContext;
  actor: Pick<Principal, "userId" | "role">;
  jobId: string;
  chunk: number;
  header: string;
  /** Each record's text with its line break; blank ones included so row numbers stay right. */
  records: string[];
  firstRow: number;
  dryRun: boolean;
  now: number;
};
export type ChunkOutcome = { done: number; failed: number; problems: Problem[]; replayed: boolean };
type Problem = { row: number; field?: string; message: string };

// A chunk's rejection lists at most 1,000 problems; a few rounds cover rows it left out.
const MAX_ROUNDS = 4;

export async function importChunk(input: ChunkInput): Promise<ChunkOutcome> {
  const stored = await storedChunk(input);
  if (stored) return stored;
  const rows = input.records.map((text, i) => ({ row: input.firstRow + i, text, blank: isBlankRecord(text) }));
  const rejected = new Map<number, Problem[]>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const left = rows.filter((r) => !r.blank && !rejected.has(r.row)).length;
    const result: ChunkOutcome = {
      done: left,
      failed: rejected.size,
      problems: [...rejected.values()].flat(),
      replayed: false,
    };
    const marker = input.tdb.db.insert(importChunks).values(
      input.tdb.own({
        jobId: input.jobId,
        chunk: input.chunk,
        done: result.done,
        failed: result.failed,
        problems: result.problems,
        createdAt: input.now,
      }),
    );
    if (left === 0) {
      await runBatch(input.tdb.db, [marker]);
      return result;
    }
    const before = rejected.size;
    try {
      await tryImport(input, rows, rejected, input.dryRun ? [] : [marker]);
    } catch (error) {
      // The marker exists: an earlier run of this chunk committed while this one was validating.
      const again = await storedChunk(input);
      if (again) return again;
      throw error;
    }
    if (rejected.size === before) {
      if (input.dryRun) await runBatch(input.tdb.db, [marker]);
      return result;
    }
  }
  throw new Error(`chunk ${input.chunk} of job ${input.jobId} kept rejecting rows after ${MAX_ROUNDS} rounds`);
}

type Row = { row: number; text: string; blank: boolean };

/** Imports the rows not yet rejected; a 422 about rows adds them to `rejected` instead of throwing. */
async function tryImport(
  input: ChunkInput,
  rows: Row[],
  rejected: Map<number, Problem[]>,
  also: Statement[],
): Promise<void> {
  const text = `${input.header}\r\n${rows.map((r) => (rejected.has(r.row) ? "\r\n" : r.text)).join("")}`;
  try {
    await importCsv(input.tdb, input.ctx, input.actor, text, {
      dryRun: input.dryRun,
      firstRow: input.firstRow,
      now: input.now,
      also,
    });
  } catch (error) {
    const problems = rowProblems(error);
    if (!problems) throw error;
    for (const p of problems)
      rejected.set(p.row, [
        ...(rejected.get(p.row) ?? []),
        { row: p.row, ...(p.field ? { field: p.field } : {}), message: p.message },
      ]);
  }
}

function rowProblems(error: unknown): RowProblem[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422 || !Array.isArray(error.details)) return undefined;
  const details = error.details as Partial<RowProblem>[];
  return details.length > 0 && details.every((d) => typeof d.row === "number") ? (details as RowProblem[]) : undefined;
}

async function storedChunk(input: ChunkInput): Promise<ChunkOutcome | undefined> {
  const [row] = await input.tdb.db
    .select()
    .from(importChunks)
    .where(input.tdb.scope(importChunks, eq(importChunks.jobId, input.jobId), eq(importChunks.chunk, input.chunk)))
    .limit(1);
  return row ? { done: row.done, failed: row.failed, problems: row.problems, replayed: true } : undefined;
}

const isBlankRecord = (text: string) => /^[\s,"]*$/.test(text);
