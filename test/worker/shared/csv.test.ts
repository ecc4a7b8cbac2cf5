import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CsvError,
  escapeFormula,
  formatCsv,
  formatCsvField,
  formatCsvRow,
  parseCsv,
  splitCsv,
  unescapeFormula,
} from "../../../worker/shared/csv";

describe("parseCsv", () => {
  it("reads plain records with CRLF, LF or CR line ends, and ignores a final line break", () => {
    expect(parseCsv("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and embedded line breaks", () => {
    expect(parseCsv('name,notes\r\n"Acme, Inc.","He said ""hi""\r\nand left"\r\n')).toEqual([
      ["name", "notes"],
      ["Acme, Inc.", 'He said "hi"\r\nand left'],
    ]);
    expect(parseCsv('"",""')).toEqual([["", ""]]);
  });

  it("drops a UTF-8 BOM and keeps unicode as it is", () => {
    expect(parseCsv("\uFEFFname\r\nZoë 🚀\r\n")).toEqual([["name"], ["Zoë 🚀"]]);
  });

  it("keeps empty cells and blank lines", () => {
    expect(parseCsv("a,,c\r\n,\r\n\r\nx")).toEqual([["a", "", "c"], ["", ""], [""], ["x"]]);
    expect(parseCsv("a,")).toEqual([["a", ""]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("takes a quote inside an unquoted field literally, as spreadsheets write it", () => {
    expect(parseCsv('5" screen,x')).toEqual([['5" screen', "x"]]);
  });

  it("refuses an unclosed quote and text after a closing quote, naming the record", () => {
    expect(() => parseCsv('a\r\n"open')).toThrow(CsvError);
    expect(() => parseCsv('a\r\n"open')).toThrow(/row 2/);
    expect(() => parseCsv('a\r\nb\r\n"x"y,z')).toThrow(/row 3: a closing quote/);
  });
});

describe("formatting", () => {
  it("quotes only what needs quoting and ends records with CRLF", () => {
    expect(formatCsvField("plain")).toBe("plain");
    expect(formatCsvField("a,b")).toBe('"a,b"');
    expect(formatCsvField('say "x"')).toBe('"say ""x"""');
    expect(formatCsvField("two\nlines")).toBe('"two\nlines"');
    expect(formatCsvRow(["a", "b,c"])).toBe('a,"b,c"\r\n');
    expect(formatCsv([["h"], ["v"]])).toBe("\uFEFFh\r\nv\r\n");
  });

  it("round-trips any table of text", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "Z", ",", '"', "\r", "\n", " ", "é", "🚀", "'", "=") });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })),
        (rows) => {
          // A record of one empty cell is a blank line, which reads back as exactly that.
          expect(parseCsv(formatCsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

describe("formula escaping", () => {
  it("prefixes text a spreadsheet would run, and the import takes the prefix off", () => {
    for (const v of ["=1+1", "+1 555", "-x", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋1", "－x", "＠SUM(A1)"]) {
      expect(escapeFormula(v)).toBe(`'${v}`);
      expect(unescapeFormula(escapeFormula(v))).toBe(v);
    }
    expect(escapeFormula("Acme")).toBe("Acme");
    expect(unescapeFormula("'quoted")).toBe("'quoted");
  });

  it("is reversible for any text, including text that starts with apostrophes", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "=", "-", "a", "@", "＝", "＋", "－", "＠") }), (v) => {
        expect(unescapeFormula(escapeFormula(v))).toBe(v);
        expect(/^[=+\-@\t\r＝＋－＠]/.test(escapeFormula(v))).toBe(false);
      }),
    );
  });
});

describe("splitCsv", () => {
  it("splits a file into chunks that each carry the header and know their first row", () => {
    const text = formatCsv([["name"], ["a"], ["b,1"], ["c"], ["d"], ["e"]]);
    const { header, total, chunks } = splitCsv(text, 2);
    expect(header).toEqual(["name"]);
    expect(total).toBe(5);
    expect(chunks.map((c) => [c.firstRow, c.rows])).toEqual([
      [2, 2],
      [4, 2],
      [6, 1],
    ]);
    expect(parseCsv(chunks[1]!.text)).toEqual([["name"], ["c"], ["d"]]);
    expect(chunks.flatMap((c) => parseCsv(c.text).slice(1))).toEqual([["a"], ["b,1"], ["c"], ["d"], ["e"]]);
  });
});
