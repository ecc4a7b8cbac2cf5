// The import of a CSV file in parts: the server takes at most 1,000 rows a request and writes each
// request all or nothing, so the file is sent in parts of ≤ 500 rows, first all as dry runs (so a
// bad row anywhere stops the import before anything is written), then for real, part by part.
import { CsvError, parseCsv, splitCsv } from "@shared/csv";
import { ApiError } from "../../../api/client";
import { checkRecordsCsv, importRecordsCsv } from "../../../api/csv";
import { formatNumber } from "../../../renderers/shared/format";

export const ROWS_PER_PART = 500;

export interface CsvPart {
  text: string;
  /** The file's row number of the part's first data row (the header is row 1). */
  firstRow: number;
  lastRow: number;
  /** Data rows that aren't blank: the server skips blank ones. */
  rows: number;
}

export interface PreparedCsv {
  name: string;
  header: string[];
  /** Rows to import, blank ones left out. */
  total: number;
  parts: CsvPart[];
}

/** A problem the server reported: a row's cell (`rows[12].email`), a row, or the file (`columns[3]`). */
export interface RowProblem {
  path?: string;
  row?: number;
  field?: string;
  message: string;
}

export class CsvFileError extends Error {}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** Reads a file strictly as UTF-8, as the server does: a legacy code page is refused, not garbled. */
export async function readCsvFile(file: Blob): Promise<string> {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new CsvFileError("The file is not UTF-8 text. Save it as “CSV UTF-8” and choose it again.");
  }
}

export function prepareCsv(name: string, text: string): PreparedCsv {
  let split: ReturnType<typeof splitCsv>;
  try {
    split = splitCsv(text, ROWS_PER_PART);
  } catch (error) {
    if (error instanceof CsvError)
      throw new CsvFileError(`The file is not valid CSV: ${error.reason} (row ${error.row}).`);
    throw error;
  }
  if (isBlank(split.header)) throw new CsvFileError("The file is empty. Its first row must name the columns.");
  const parts = split.chunks
    .map((chunk) => ({
      text: chunk.text,
      firstRow: chunk.firstRow,
      lastRow: chunk.firstRow + chunk.rows - 1,
      rows: parseCsv(chunk.text)
        .slice(1)
        .filter((cells) => !isBlank(cells)).length,
    }))
    .filter((part) => part.rows > 0);
  const total = parts.reduce((sum, part) => sum + part.rows, 0);
  if (total === 0) throw new CsvFileError("The file has a header but no rows to import.");
  return { name, header: split.header.map((h) => h.trim()), total, parts };
}

export function problemsOf(error: ApiError): RowProblem[] {
  if (error.details.length === 0) return [{ message: error.message }];
  return error.details.map((d) => ({ ...d, row: d.row ?? rowOfPath(d.path) }));
}

function rowOfPath(path: string | undefined): number | undefined {
  const match = path?.match(/^rows\[(\d+)\]/);
  return match ? Number(match[1]) : undefined;
}

export type CheckOutcome =
  | { valid: true; rows: number; ignoredColumns: string[] }
  | { valid: false; checked: number; problems: RowProblem[]; message: string };

/**
 * Dry-runs every part and gathers every rejected row. A problem with the file itself (its
 * columns) is the same in every part, so the check stops at the first one. Other errors throw.
 */
export async function checkCsv(
  entity: string,
  file: PreparedCsv,
  onProgress: (checked: number) => void,
  signal?: AbortSignal,
): Promise<CheckOutcome> {
  let checked = 0;
  const problems: RowProblem[] = [];
  const ignored = new Set<string>();
  let message = "";
  for (const part of file.parts) {
    try {
      const result = await checkRecordsCsv(entity, part.text, { firstRow: part.firstRow, signal });
      result.ignoredColumns?.forEach((c) => ignored.add(c));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 422) throw error;
      const found = problemsOf(error);
      problems.push(...found);
      message ||= error.message;
      if (found.some((p) => p.row === undefined))
        return { valid: false, checked: checked + part.rows, problems, message };
    }
    checked += part.rows;
    onProgress(checked);
  }
  if (problems.length === 0) return { valid: true, rows: checked, ignoredColumns: [...ignored] };
  const rejected = new Set(problems.map((p) => p.row)).size;
  return {
    valid: false,
    checked,
    problems,
    message: `${formatNumber(rejected)} of ${formatNumber(checked)} rows have problems; nothing was imported.`,
  };
}

export type ImportOutcome =
  | { done: true; imported: number }
  /** Stopped by the user, or a part failed (`error`): parts before `nextPart` are in, the rest is not. */
  | { done: false; imported: number; nextPart: number; error?: unknown };

/** Imports the parts from `fromPart` on; each is written whole or not at all. */
export async function importCsv(
  entity: string,
  file: PreparedCsv,
  progress: { fromPart: number; imported: number; onProgress: (imported: number) => void; shouldStop: () => boolean },
): Promise<ImportOutcome> {
  let imported = progress.imported;
  for (let index = progress.fromPart; index < file.parts.length; index++) {
    if (index > progress.fromPart && progress.shouldStop()) return { done: false, imported, nextPart: index };
    const part = file.parts[index]!;
    try {
      const result = await importRecordsCsv(entity, part.text, { firstRow: part.firstRow });
      imported += typeof result.imported === "number" ? result.imported : part.rows;
    } catch (error) {
      return { done: false, imported, nextPart: index, error };
    }
    progress.onProgress(imported);
  }
  return { done: true, imported };
}
