// CSV export and import of an entity's records (README "Beyond the contract"). The export is a
// file, not JSON, and the import sends text/csv, so both go through `apiRaw`.
import type { Condition } from "@shared/config/condition";
import { apiRaw } from "./client";
import type { ApiResponse } from "./typed";

export interface ExportQuery {
  view?: string;
  q?: string;
  where?: Condition | null;
  /** `field` or `-field`, comma separated. */
  sort?: string;
}

export interface CsvFile {
  blob: Blob;
  filename: string;
}

const base = (entity: string) => `/crm/${encodeURIComponent(entity)}`;

export async function exportRecordsCsv(
  entity: string,
  query: ExportQuery = {},
  signal?: AbortSignal,
): Promise<CsvFile> {
  const { where, ...rest } = query;
  const response = await apiRaw(`${base(entity)}/export.csv`, {
    query: { ...rest, where: where ? JSON.stringify(where) : undefined },
    accept: "text/csv",
    signal,
  });
  const day = new Date().toISOString().slice(0, 10);
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get("content-disposition")) ?? `${entity}-${day}.csv`,
  };
}

function filenameOf(disposition: string | null): string | null {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1]?.trim() || null;
}

type ImportAnswer = ApiResponse<"/crm/{entity}/import", "post">;
/** 200 for a dry run: every row is valid. */
export type CsvCheck = Extract<ImportAnswer, { valid: true }>;
/** 201: every row was created. */
export type CsvImported = Extract<ImportAnswer, { imported: number }>;

interface ImportOptions {
  /** The file's row number of this part's first data row (the header is row 1). */
  firstRow: number;
  signal?: AbortSignal;
}

function postCsv<T>(entity: string, text: string, dryRun: boolean, { firstRow, signal }: ImportOptions): Promise<T> {
  return apiRaw(`${base(entity)}/import`, {
    method: "POST",
    query: { dryRun: dryRun ? "true" : undefined, firstRow },
    body: text,
    contentType: "text/csv",
    accept: "application/json",
    signal,
  }).then((response) => response.json() as Promise<T>);
}

/** Validates a part without writing: 200 when every row is valid, else a 422 row report (ApiError). */
export function checkRecordsCsv(entity: string, text: string, options: ImportOptions): Promise<CsvCheck> {
  return postCsv<CsvCheck>(entity, text, true, options);
}

/** Creates every row of a part, or none (422 with the row report). */
export function importRecordsCsv(entity: string, text: string, options: ImportOptions): Promise<CsvImported> {
  return postCsv<CsvImported>(entity, text, false, options);
}
