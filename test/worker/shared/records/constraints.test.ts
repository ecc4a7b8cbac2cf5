import { describe, expect, it } from "vitest";
import { constraintErrors } from "../../../../worker/shared/records/constraints";
import { makeField } from "./helpers";

describe("constraintErrors", () => {
  it("checks min and max on numeric fields, inclusively", () => {
    const discount = makeField("percent", { min: 0, max: 100 });
    expect(constraintErrors(discount, 0)).toEqual([]);
    expect(constraintErrors(discount, 100)).toEqual([]);
    expect(constraintErrors(discount, -1)).toEqual(["must be at least 0"]);
    expect(constraintErrors(discount, 100.5)).toEqual(["must be at most 100"]);
  });

  it("counts length in characters, so an emoji is one", () => {
    const code = makeField("text", { minLength: 2, maxLength: 3 });
    expect(constraintErrors(code, "ab")).toEqual([]);
    expect(constraintErrors(code, "a")).toEqual(["must be at least 2 characters long"]);
    expect(constraintErrors(code, "abcd")).toEqual(["must be at most 3 characters long"]);
    expect(constraintErrors(code, "🙂🙂🙂")).toEqual([]);
  });

  it("matches a pattern against the whole value, like HTML's pattern attribute", () => {
    const sku = makeField("text", { pattern: "[A-Z]{3}-\\d+" });
    expect(constraintErrors(sku, "ABC-12")).toEqual([]);
    expect(constraintErrors(sku, "xABC-12")).toEqual(["does not match the required format"]);
    expect(constraintErrors(sku, "ABC-12x")).toEqual(["does not match the required format"]);
    const either = makeField("text", { pattern: "yes|no" });
    expect(constraintErrors(either, "no")).toEqual([]);
    expect(constraintErrors(either, "nope")).toEqual(["does not match the required format"]);
    expect(constraintErrors(makeField("text", { pattern: "^\\d+$" }), "123")).toEqual([]);
  });

  it("reads unicode classes in unicode mode, and still honours a pattern only legacy mode compiles", () => {
    expect(constraintErrors(makeField("text", { pattern: "\\p{Lu}+" }), "ÄÖ")).toEqual([]);
    expect(constraintErrors(makeField("text", { pattern: "a\\-b" }), "a-b")).toEqual([]);
    expect(constraintErrors(makeField("text", { pattern: "\\a" }), "a")).toEqual([]);
  });

  it("reports every broken setting at once", () => {
    const field = makeField("text", { maxLength: 2, pattern: "\\d+" });
    expect(constraintErrors(field, "abc")).toEqual([
      "must be at most 2 characters long",
      "does not match the required format",
    ]);
  });

  it("ignores values of types the settings do not apply to", () => {
    expect(constraintErrors(makeField("select"), "gold")).toEqual([]);
    expect(constraintErrors(makeField("boolean"), true)).toEqual([]);
  });
});
