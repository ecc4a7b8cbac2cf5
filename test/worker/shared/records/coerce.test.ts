import { describe, expect, it } from "vitest";
import { FIELD_TYPES, type FieldType } from "../../../../worker/shared/config/field-types";
import { coerceValue, coercers, isBlank } from "../../../../worker/shared/records/coerce";
import { makeField } from "./helpers";

function accepts(type: FieldType, raw: unknown): unknown {
  const result = coerceValue(makeField(type), raw);
  if (!result.ok) throw new Error(`${type} refused ${JSON.stringify(raw)}: ${result.message}`);
  return result.value;
}

function refuses(type: FieldType, raw: unknown): string {
  const result = coerceValue(makeField(type), raw);
  if (result.ok) throw new Error(`${type} accepted ${JSON.stringify(raw)} as ${JSON.stringify(result.value)}`);
  return result.message;
}

describe("coercers", () => {
  it("has a rule for every field type", () => {
    expect(Object.keys(coercers).sort()).toEqual([...FIELD_TYPES].sort());
  });

  it("turns null, undefined and blank text into null for every type, and [] for a multiselect", () => {
    for (const type of FIELD_TYPES) {
      for (const blank of [null, undefined, "", "   "]) expect(accepts(type, blank)).toBeNull();
    }
    expect(accepts("multiselect", [])).toBeNull();
    expect(isBlank([], "text")).toBe(false);
    expect(refuses("text", [])).toBe("must be text");
  });
});

describe("text and textarea", () => {
  it("trims strings and takes finite numbers as their digits", () => {
    expect(accepts("text", "  Acme  ")).toBe("Acme");
    expect(accepts("textarea", "\n line one\nline two \n")).toBe("line one\nline two");
    expect(accepts("text", 10115)).toBe("10115");
    expect(accepts("text", 1.5)).toBe("1.5");
  });

  it("refuses booleans, objects, lists and non-finite numbers", () => {
    for (const raw of [true, { a: 1 }, ["a"], Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refuses("text", raw)).toBe("must be text");
    }
  });
});

describe("email", () => {
  it("accepts RFC 5321/6531 addresses, keeping the local part as typed and lower-casing the domain", () => {
    expect(accepts("email", "  Ada.Lovelace+crm@Example.CO.uk ")).toBe("Ada.Lovelace+crm@example.co.uk");
    expect(accepts("email", "info@bücher.de")).toBe("info@bücher.de");
    expect(accepts("email", "ä@x.com")).toBe("ä@x.com");
    expect(accepts("email", "Jörg@BÜCHER.DE")).toBe("Jörg@bücher.de");
    expect(accepts("email", "o'brien!#$%&*+/=?^_`{|}~-@x.io")).toBe("o'brien!#$%&*+/=?^_`{|}~-@x.io");
    expect(accepts("email", "a@xn--bcher-kva.de")).toBe("a@xn--bcher-kva.de");
  });

  it("refuses what is not an address: dots out of place, bad domains, spaces, overlong parts", () => {
    for (const raw of [
      "ada",
      "ada@",
      "@example.com",
      "ada@localhost",
      "ada @example.com",
      "a@b@c.com",
      "ada@-x.com",
      "a..b@x.com",
      ".a@x.com",
      "a.@x.com",
      "a@x..com",
      "a@x.c0m1",
      "a@x_y.com",
      "a@[127.0.0.1]",
      '"a b"@x.com',
      "a\u00a0b@x.com",
      42,
    ]) {
      expect(refuses("email", raw), JSON.stringify(raw)).toBe("must be a valid email address");
    }
    expect(refuses("email", `${"a".repeat(65)}@example.com`)).toBe("must be a valid email address");
    expect(refuses("email", `${"ä".repeat(33)}@example.com`), "64 octets, not characters").toBe(
      "must be a valid email address",
    );
  });
});

describe("url", () => {
  it("accepts absolute http(s) URLs and stores them as the WHATWG parser serialises them", () => {
    expect(accepts("url", " https://example.com/a?b=c ")).toBe("https://example.com/a?b=c");
    expect(accepts("url", "http://localhost:8787")).toBe("http://localhost:8787/");
    expect(accepts("url", "HTTP://Example.COM:80/a/../b?q#f")).toBe("http://example.com/b?q#f");
    expect(accepts("url", "https://bücher.de/")).toBe("https://xn--bcher-kva.de/");
  });

  it("refuses other schemes, relative, scheme-less and malformed addresses", () => {
    for (const raw of [
      "example.com",
      "/path",
      "ftp://example.com",
      "javascript:alert(1)",
      "http:example.com",
      "https://",
      "http:///x.com",
      "http://x..com",
      "http://-x.com/",
      "http://x_y.com",
      1,
    ]) {
      expect(refuses("url", raw), JSON.stringify(raw)).toMatch(/http\(s\) URL/);
    }
  });
});

describe("phone", () => {
  it("parses with libphonenumber-js and stores E.164", () => {
    expect(accepts("phone", " +1 (202) 555-0143 ")).toBe("+12025550143");
    expect(accepts("phone", "+1\u00a0202\u00a0555\u00a00143"), "no-break spaces").toBe("+12025550143");
    expect(accepts("phone", "+49 30 123456")).toBe("+4930123456");
    expect(coerceValue(makeField("phone"), "030 123456", { defaultCountry: "DE" })).toEqual({
      ok: true,
      value: "+4930123456",
    });
    expect(coerceValue(makeField("phone"), "(202) 555-0143", { defaultCountry: "US" })).toEqual({
      ok: true,
      value: "+12025550143",
    });
  });

  it("refuses what is not a number: letters, +0, nested parentheses, national numbers without a country", () => {
    for (const raw of [
      "call me",
      "555-CALL-NOW",
      "1+2345678",
      "1234",
      "1".repeat(21),
      5550109999,
      "+0 123",
      "((((12345))))",
      "030 123456",
      "+1 555 0100",
    ]) {
      expect(refuses("phone", raw), JSON.stringify(raw)).toMatch(/phone number/);
    }
    expect(coerceValue(makeField("phone"), "((((12345))))", { defaultCountry: "DE" }).ok).toBe(false);
  });
});

describe("number, currency and percent", () => {
  it("accept numbers and plain numeric strings", () => {
    expect(accepts("number", 42)).toBe(42);
    expect(accepts("number", " -3.25 ")).toBe(-3.25);
    expect(accepts("number", "1e3")).toBe(1000);
    expect(accepts("number", ".5")).toBe(0.5);
    expect(accepts("percent", "15")).toBe(15);
    expect(Object.is(accepts("number", -0), 0)).toBe(true);
  });

  it("refuse commas, hex, NaN, Infinity and non-numbers", () => {
    for (const type of ["number", "currency", "percent"] as const) {
      for (const raw of ["1,5", "0x10", "abc", "Infinity", "1e999", Number.NaN, Number.POSITIVE_INFINITY, true, [1]]) {
        expect(refuses(type, raw)).toMatch(/must be (a number|an amount)/);
      }
    }
  });

  it("currency keeps at most two decimals, forgiving float noise but never rounding real digits", () => {
    expect(accepts("currency", "19.99")).toBe(19.99);
    expect(accepts("currency", 0.1 + 0.2)).toBe(0.3);
    expect(accepts("currency", 1000)).toBe(1000);
    expect(refuses("currency", 1.005)).toBe("must have at most 2 decimal places");
    expect(refuses("currency", "0.001")).toBe("must have at most 2 decimal places");
    expect(refuses("currency", 1e15)).toBe("is too large");
  });
});

describe("boolean", () => {
  it("accepts true/false and their strings", () => {
    expect(accepts("boolean", true)).toBe(true);
    expect(accepts("boolean", false)).toBe(false);
    expect(accepts("boolean", "true")).toBe(true);
    expect(accepts("boolean", " FALSE ")).toBe(false);
  });

  it("refuses anything else", () => {
    for (const raw of ["yes", "on", 1, 0, "1"]) expect(refuses("boolean", raw)).toBe("must be true or false");
  });
});

describe("date", () => {
  it("accepts real calendar dates as YYYY-MM-DD", () => {
    expect(accepts("date", "2026-03-31")).toBe("2026-03-31");
    expect(accepts("date", "2024-02-29")).toBe("2024-02-29");
    expect(accepts("date", "2000-02-29")).toBe("2000-02-29");
  });

  it("refuses impossible dates and other formats", () => {
    for (const raw of [
      "2026-02-30",
      "2026-02-29",
      "1900-02-29",
      "2026-13-01",
      "2026-04-31",
      "0000-01-01",
      "2026-3-1",
      "31.03.2026",
      "2026-03-31T00:00:00Z",
      20260331,
    ]) {
      expect(refuses("date", raw)).toMatch(/must be a date/);
    }
  });
});

describe("datetime", () => {
  it("accepts RFC 3339 with Z or an offset and stores UTC ISO", () => {
    expect(accepts("datetime", "2026-03-31T09:30:00Z")).toBe("2026-03-31T09:30:00.000Z");
    expect(accepts("datetime", "2026-03-31T09:30:00+02:00")).toBe("2026-03-31T07:30:00.000Z");
    expect(accepts("datetime", "2026-03-31T09:30-0500")).toBe("2026-03-31T14:30:00.000Z");
    expect(accepts("datetime", "2026-03-31t09:30:00.123456z")).toBe("2026-03-31T09:30:00.123Z");
  });

  it("refuses zone-less, impossible and malformed times", () => {
    for (const raw of [
      "2026-03-31T09:30:00",
      "2026-03-31",
      "2026-02-30T10:00:00Z",
      "2026-03-31T24:00:00Z",
      "2026-03-31T09:60:00Z",
      "2026-03-31T09:30:00+24:00",
      "9999-12-31T23:00:00-05:00",
      "yesterday",
      1774949400000,
    ]) {
      expect(refuses("datetime", raw)).toMatch(/date and time with a zone/);
    }
  });
});

describe("select and multiselect", () => {
  it("select takes one option value", () => {
    expect(accepts("select", " gold ")).toBe("gold");
    expect(refuses("select", "platinum")).toBe("must be one of: gold, silver, churned");
    expect(refuses("select", "Gold")).toBe("must be one of: gold, silver, churned");
    expect(refuses("select", ["gold"])).toMatch(/must be one of/);
  });

  it("multiselect takes a list of option values, de-duplicated in the order given", () => {
    expect(accepts("multiselect", ["silver", "gold", "silver"])).toEqual(["silver", "gold"]);
    expect(refuses("multiselect", "gold")).toBe("must be a list of options");
    expect(refuses("multiselect", ["gold", "platinum", 3])).toBe("has values that are not options: platinum, 3");
  });
});

describe("reference and user", () => {
  it("accept trimmed ids of up to 64 characters", () => {
    expect(accepts("reference", " rec_01HZX ")).toBe("rec_01HZX");
    expect(accepts("user", "usr_1")).toBe("usr_1");
    expect(accepts("user", "u".repeat(64))).toBe("u".repeat(64));
  });

  it("refuse longer ids, ids with spaces or control characters, and non-strings", () => {
    for (const raw of ["u".repeat(65), "rec 1", "rec\u00001", 12, { id: "x" }]) {
      expect(refuses("reference", raw)).toMatch(/must be a record id/);
      expect(refuses("user", raw)).toMatch(/must be a user id/);
    }
  });
});
