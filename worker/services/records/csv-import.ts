import { and, eq, inArray } from "drizzle-orm";
import { runBatch, type Statement } from "../../db/batch";
import { recordUniques } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";
import type { Principal } from "../../lib/app-env";
import { ApiError, badRequest, conflict, validationFailed } from "../../lib/errors";
import { SYSTEM_FIELDS } from "../../shared/config/common";
import type { FormField } from "../../shared/config/form";
import { CsvError, parseCsv, unescapeFormula } from "../../shared/csv";
import { canWrite } from "../../shared/records/access";
import { validateRecordValues, type ValidValues } from "../../shared/records/validate-values";
import type { EntityContext } from "./entity";
import { isUniqueClash } from "./outbox";
import { createOptions, newRecordWrite, referenceErrors } from "./write";

// CSV import: the header names fields; every row is checked as `POST /crm/:entity` would check it
// (same validator, references, unique values, also against the other rows of the file); then
// all rows are written in one D1 batch, or none is. Larger files come as several requests.

export const MAX_IMPORT_ROWS = 1000;

type Actor = Pick<Principal, "userId" | "role">;
type Column = { index: number; field: FormField };
type DataRow = { row: number; cells: string[] };
type Checked = DataRow & { values: ValidValues };

/** One rejected cell (`field`) or row; `row` counts the file's records, the header being 1. */
export type RowProblem = { path: string; message: string; row: number; field?: string };

export type ImportOptions = {
  dryRun?: boolean;
  /** The file's record number of the first data row of this body (2 unless it is a later chunk). */
  firstRow?: number;
  now?: number;
  /** Written in the same batch as the rows (an import job's chunk marker makes a chunk write once). */
  also?: Statement[];
};
export type ImportResult = { ids: string[]; rows: number; ignoredColumns: string[] };

// The properties an export writes besides fields: the server sets them, so an import skips them.
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(SYSTEM_FIELDS);
// Enough to fix a file; a 1,000-row file of wrong columns would otherwise answer megabytes.
const MAX_REPORTED = 1000;

export async function importCsv(
  tdb: TenantDb,
  ctx: EntityContext,
  actor: Actor,
  text: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const now = opts.now ?? Date.now();
  const { header, rows } = readTable(text, opts.firstRow ?? 2);
  const { columns, ignored } = planColumns(ctx, header);
  const problems: RowProblem[] = [];
  const checked = validateRows(ctx, actor, { columns, width: header.length, rows, now, problems });
  problems.push(...duplicatesWithin(checked));
  problems.push(...(await unresolved(tdb, checked)));
  problems.push(...(await alreadyTaken(tdb, ctx, checked)));
  if (problems.length) throw rejection(problems, rows.length);
  if (opts.dryRun) return { ids: [], rows: checked.length, ignoredColumns: ignored };

  const writes = checked.map((r) => newRecordWrite(tdb, ctx, actor, r.values, now));
  try {
    await runBatch(tdb.db, [...writes.flatMap((w): Statement[] => w.statements), ...(opts.also ?? [])]);
  } catch (error) {
    // Another write took a unique value after the check above: report it like the check would.
    if (!isUniqueClash(error)) throw error;
    const taken = await alreadyTaken(tdb, ctx, checked);
    throw taken.length
      ? rejection(taken, rows.length)
      : conflict("duplicate", "A unique field's value was taken while importing; try again");
  }
  return { ids: writes.map((w) => w.row.id), rows: writes.length, ignoredColumns: ignored };
}

/** The header and the non-blank data rows with their record numbers in the file. */
function readTable(text: string, firstRow: number): { header: string[]; rows: DataRow[] } {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = error.row === 1 ? 1 : error.row - 2 + firstRow;
    throw badRequest(`The file is not valid CSV: ${error.reason} (row ${row})`, [
      { path: `rows[${row}]`, message: error.reason },
    ]);
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => h.trim() === ""))
    throw validationFailed(
      [{ path: "header", message: "the first row must name the columns" }],
      "The file has no header row",
    );
  // Spreadsheets in some locales separate with ";": say so rather than name one odd column.
  if (header.length === 1 && header[0]!.includes(";"))
    throw validationFailed(
      [{ path: "header", message: "columns must be separated by commas" }],
      "The columns are separated by semicolons; save the file as comma-separated CSV",
    );
  const rows = data
    .map((cells, i) => ({ row: firstRow + i, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows.length === 0)
    throw validationFailed([{ path: "rows", message: "the file has no data rows" }], "There is nothing to import");
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ApiError(
      413,
      "payload_too_large",
      `At most ${MAX_IMPORT_ROWS} rows per request (this one has ${rows.length}); send the file in parts`,
    );
  }
  return { header: header.map((h) => h.trim()), rows };
}

/** Which column feeds which field. Unknown or repeated names refuse the file; system and read-only ones are skipped. */
function planColumns(ctx: EntityContext, header: string[]) {
  const fields = new Map(ctx.form.fields.map((f) => [f.name, f]));
  const columns: Column[] = [];
  const ignored: string[] = [];
  const errors: { path: string; message: string }[] = [];
  const bad: string[] = [];
  header.forEach((name, index) => {
    const field = fields.get(name);
    if (header.indexOf(name) !== index)
      errors.push({ path: `columns[${index}]`, message: `"${name}" is a repeated column` });
    // Read-only fields (a deal's probability) are the server's to set, like the system columns.
    else if (SYSTEM_COLUMNS.has(name) || field?.readOnly) ignored.push(name);
    else if (!field)
      errors.push({
        path: `columns[${index}]`,
        message: name ? `"${name}" is not a field of ${ctx.entity}` : "a column has no name",
      });
    else columns.push({ index, field });
    if (errors.length > bad.length) bad.push(name || "(blank)");
  });
  if (errors.length) throw validationFailed(errors, `Unknown or repeated columns: ${bad.join(", ")}`);
  return { columns, ignored };
}

type RowBatch = { columns: Column[]; width: number; rows: DataRow[]; now: number; problems: RowProblem[] };

function validateRows(ctx: EntityContext, actor: Actor, batch: RowBatch): Checked[] {
  const { columns, width, rows, now, problems } = batch;
  assertWritable(columns, actor, rows);
  const options = createOptions(ctx, actor, now);
  const checked: Checked[] = [];
  for (const r of rows) {
    if (r.cells.slice(width).some((c) => c.trim() !== "")) {
      problems.push({
        path: `rows[${r.row}]`,
        message: `has ${r.cells.length} cells but the header has ${width} columns`,
        row: r.row,
      });
      continue;
    }
    const result = validateRecordValues(ctx.form, rowInput(columns, r.cells), options);
    if (result.ok) checked.push({ ...r, values: result });
    else problems.push(...result.errors.map((e) => cellProblem(r.row, e.path, e.message)));
  }
  return checked;
}

// Like a POST, a value in a field the role may not write is a 403, not a row to skip silently.
function assertWritable(columns: Column[], actor: Actor, rows: DataRow[]) {
  const refused = columns.filter(
    (c) => !canWrite(c.field, actor.role) && rows.some((r) => (r.cells[c.index] ?? "").trim() !== ""),
  );
  if (refused.length === 0) return;
  const names = refused.map((c) => c.field.name);
  throw new ApiError(
    403,
    "forbidden",
    `Your role may not write ${names.join(", ")}; leave these columns empty or remove them`,
    refused.map((c) => ({ path: `columns[${c.index}]`, message: "you are not allowed to change this field" })),
  );
}

// Empty cells are absent values (defaults apply); a multiselect cell lists options separated by ";".
function rowInput(columns: Column[], cells: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const { index, field } of columns) {
    const cell = unescapeFormula(cells[index] ?? "");
    if (cell.trim() === "") continue;
    input[field.name] =
      field.type === "multiselect"
        ? cell
            .split(";")
            .map((s) => s.trim())
            .filter(Boolean)
        : cell;
  }
  return input;
}

const cellProblem = (row: number, field: string, message: string): RowProblem =>
  field ? { path: `rows[${row}].${field}`, message, row, field } : { path: `rows[${row}]`, message, row };

function duplicatesWithin(rows: Checked[]): RowProblem[] {
  const first = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const r of rows) {
    for (const u of r.values.unique) {
      const key = `${u.field}\u0000${u.value}`;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, r.row);
      else problems.push(cellProblem(r.row, u.field, `repeats the value of row ${seen}; it must be unique`));
    }
  }
  return problems;
}

async function unresolved(tdb: TenantDb, rows: Checked[]): Promise<RowProblem[]> {
  const errors = await referenceErrors(
    tdb,
    rows.map((r) => r.values),
  );
  return rows.flatMap((r, i) => (errors[i] ?? []).map((e) => cellProblem(r.row, e.path, e.message)));
}

// D1 binds at most 100 parameters; tenant, entity and field take three.
const VALUES_PER_QUERY = 90;

/** Unique values of the file that existing records already hold. */
async function alreadyTaken(tdb: TenantDb, ctx: EntityContext, rows: Checked[]): Promise<RowProblem[]> {
  const byField = new Map<string, Set<string>>();
  for (const r of rows)
    for (const u of r.values.unique) byField.set(u.field, (byField.get(u.field) ?? new Set()).add(u.value));
  const taken = new Set<string>();
  for (const [field, values] of byField) {
    const list = [...values];
    for (let i = 0; i < list.length; i += VALUES_PER_QUERY) {
      const hits = await tdb.db
        .select({ value: recordUniques.value })
        .from(recordUniques)
        .where(
          tdb.scope(
            recordUniques,
            and(
              eq(recordUniques.entity, ctx.entity),
              eq(recordUniques.field, field),
              inArray(recordUniques.value, list.slice(i, i + VALUES_PER_QUERY)),
            ),
          ),
        );
      for (const h of hits) taken.add(`${field}\u0000${h.value}`);
    }
  }
  return rows.flatMap((r) =>
    r.values.unique
      .filter((u) => taken.has(`${u.field}\u0000${u.value}`))
      .map((u) => cellProblem(r.row, u.field, "is already used by another record")),
  );
}

function rejection(problems: RowProblem[], total: number): ApiError {
  const rejected = new Set(problems.map((p) => p.row)).size;
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const shown = sorted.slice(0, MAX_REPORTED);
  const more = sorted.length > shown.length ? ` (the first ${shown.length} problems are listed)` : "";
  return new ApiError(
    422,
    "validation_failed",
    `${rejected} of ${total} rows were rejected; nothing was imported${more}`,
    shown,
  );
}
