// Reads a CSV file stored in R2 a window at a time without parsing it whole: record boundaries
// are found on the bytes (a quote toggles "inside a quoted cell"; a line break outside quotes
// ends a record). UTF-8 never uses the bytes of `"`, CR or LF inside a multi-byte character,
// so a window cut at a record boundary always decodes whole.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type RecordSpan = { start: number; end: number };

/**
 * Up to `max` records of `bytes`, which starts at a record boundary. The last one is returned
 * only if it is complete: ended by a line break, or by the end of the file (`eof`).
 */
export function scanRecords(bytes: Uint8Array, max: number, eof: boolean): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < bytes.length && spans.length < max; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted && (b === LF || b === CR)) {
      if (b === CR && i + 1 >= bytes.length && !eof) break; // CR LF split across windows: wait
      const end = b === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      spans.push({ start, end });
      start = end;
      i = end - 1;
    }
  }
  if (eof && spans.length < max && start < bytes.length && !quoted) spans.push({ start, end: bytes.length });
  return spans;
}

/** The header (first record) and its length in bytes, skipping a UTF-8 BOM. */
export function headerOf(bytes: Uint8Array): { header: string; end: number } | undefined {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const [first] = scanRecords(bytes.subarray(bom), 1, true);
  if (!first) return undefined;
  return {
    header: new TextDecoder().decode(bytes.subarray(bom, bom + first.end)).replace(/\r?\n$|\r$/, ""),
    end: bom + first.end,
  };
}

/** Data records of the whole file that are not blank (what an import counts as rows). */
export function countDataRecords(bytes: Uint8Array, from: number): number {
  let count = 0;
  for (const span of scanRecords(bytes.subarray(from), Number.MAX_SAFE_INTEGER, true)) {
    if (!isBlank(bytes, from + span.start, from + span.end)) count++;
  }
  return count;
}

export function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== LF && b !== CR && b !== 0x2c && b !== 0x20 && b !== 0x09 && b !== QUOTE) return false;
  }
  return true;
}
