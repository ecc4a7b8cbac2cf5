// CSV as RFC 4180 writes it (comma separated, fields with a comma, quote or line break quoted,
// quotes doubled, CRLF between records), read leniently the way spreadsheets write it: a UTF-8
// BOM, LF or CR line ends and quotes inside unquoted fields are accepted. Pure: the Worker's
// export and import and the web client's chunked upload use the same rules.

export class CsvError extends Error {
  constructor(
    /** 1-based record number (the header is record 1) where the problem is. */
    readonly row: number,
    readonly reason: string,
  ) {
    super(`row ${row}: ${reason}`);
  }
}

export const BOM = "\uFEFF";

/** Every record of `text` as a list of cells. A final line break does not start a record. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = input.length;
  if (n === 0) return rows;
  for (;;) {
    let cell: string;
    if (input[i] === '"') {
      [cell, i] = quotedCell(input, i, rows.length + 1);
    } else {
      let end = i;
      while (end < n && input[end] !== "," && input[end] !== "\n" && input[end] !== "\r") end++;
      cell = input.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (i >= n) break;
    const ch = input[i];
    if (ch === ",") {
      i++;
      continue;
    }
    // A line break: CRLF, LF or a lone CR ends the record.
    i += ch === "\r" && input[i + 1] === "\n" ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
  rows.push(row);
  return rows;
}

// From an opening quote to the character after the closing one; "" inside stands for one quote.
function quotedCell(input: string, start: number, row: number): [string, number] {
  let out = "";
  let i = start + 1;
  for (;;) {
    const close = input.indexOf('"', i);
    if (close === -1) throw new CsvError(row, "a quoted field is never closed");
    out += input.slice(i, close);
    if (input[close + 1] === '"') {
      out += '"';
      i = close + 2;
      continue;
    }
    const next = input[close + 1];
    if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
      throw new CsvError(row, "a closing quote must be followed by a comma or a line break");
    }
    return [out, close + 1];
  }
}

/** One field, quoted only when it has to be. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF. */
export function formatCsvRow(cells: readonly string[]): string {
  return `${cells.map(formatCsvField).join(",")}\r\n`;
}

/** A whole file, with the BOM that makes Excel read it as UTF-8. */
export function formatCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean } = {}): string {
  return (opts.bom === false ? "" : BOM) + rows.map(formatCsvRow).join("");
}

// Spreadsheets run a cell starting with = + - @ (or tab / CR) as a formula, and some read the
// full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) as the same. Such text is written
// with a leading apostrophe, which the spreadsheet shows as text and the import takes off again.
// Text that already starts with apostrophes before such a character gets one more, so the
// escape is reversible and a round trip gives back exactly what was exported.
const FORMULA_RE = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function escapeFormula(value: string): string {
  return FORMULA_RE.test(value) ? `'${value}` : value;
}

export function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_RE.test(value) ? value.slice(1) : value;
}

/**
 * Splits a file into CSV texts of at most `rowsPerChunk` data records, each starting with the
 * header, so a large file can be imported request by request (with progress in between).
 * `firstRow` is the file's record number of each chunk's first data record (the header is 1).
 */
export function splitCsv(
  text: string,
  rowsPerChunk = 500,
): { header: string[]; total: number; chunks: { text: string; firstRow: number; rows: number }[] } {
  const [header = [], ...data] = parseCsv(text);
  const size = Math.max(1, Math.floor(rowsPerChunk));
  const chunks = [];
  for (let start = 0; start < data.length; start += size) {
    const slice = data.slice(start, start + size);
    chunks.push({ text: formatCsv([header, ...slice], { bom: false }), firstRow: start + 2, rows: slice.length });
  }
  return { header, total: data.length, chunks };
}
