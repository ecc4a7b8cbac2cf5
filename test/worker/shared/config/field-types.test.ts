import { describe, expect, it } from "vitest";
import { FIELD_TYPES, isFieldType } from "../../../../worker/shared/config/field-types";

describe("field types", () => {
  it("lists the fifteen documented types", () => {
    expect(FIELD_TYPES).toEqual([
      "text",
      "textarea",
      "email",
      "phone",
      "url",
      "number",
      "currency",
      "percent",
      "date",
      "datetime",
      "boolean",
      "select",
      "multiselect",
      "reference",
      "user",
    ]);
    expect(isFieldType("currency")).toBe(true);
    expect(isFieldType("colour")).toBe(false);
  });
});
