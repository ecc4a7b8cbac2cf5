import { describe, expect, it } from "vitest";
import { defaultValue } from "../../../../worker/shared/records/defaults";
import { makeField } from "./helpers";

const now = Date.parse("2026-03-15T23:30:00Z");
const ctx = { now, userId: "usr_me" };

describe("defaultValue", () => {
  it("returns literal defaults, coerced like input", () => {
    expect(defaultValue(makeField("select", { default: "silver" }), ctx)).toBe("silver");
    expect(defaultValue(makeField("percent", { default: 0 }), ctx)).toBe(0);
    expect(defaultValue(makeField("boolean", { default: false }), ctx)).toBe(false);
    expect(defaultValue(makeField("email", { default: "Team@Example.com" }), ctx)).toBe("Team@example.com");
    expect(defaultValue(makeField("text"), ctx)).toBeNull();
  });

  it("reads $now tokens for date and datetime fields (dates in UTC)", () => {
    expect(defaultValue(makeField("date", { default: "$now" }), ctx)).toBe("2026-03-15");
    expect(defaultValue(makeField("date", { default: "$now+1d" }), ctx)).toBe("2026-03-16");
    expect(defaultValue(makeField("datetime", { default: "$now" }), ctx)).toBe("2026-03-15T23:30:00.000Z");
    expect(defaultValue(makeField("datetime", { default: "$now-30m" }), ctx)).toBe("2026-03-15T23:00:00.000Z");
  });

  it("reads $user for user fields, and only there", () => {
    expect(defaultValue(makeField("user", { default: "$user" }), ctx)).toBe("usr_me");
    expect(defaultValue(makeField("user", { default: "$user" }), { now })).toBeNull();
    expect(defaultValue(makeField("text", { default: "$now" }), ctx)).toBe("$now");
  });

  it("leaves the field empty when the default breaks the field's own rules", () => {
    expect(defaultValue(makeField("date", { default: "tomorrow" }), ctx)).toBeNull();
  });
});
