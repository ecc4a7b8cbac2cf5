import { describe, expect, it } from "vitest";
import { isValidCron, parseCron } from "../../../../worker/shared/config/cron";
import { parseDuration } from "../../../../worker/shared/config/common";

describe("parseCron", () => {
  it("expands weekday mornings", () => {
    expect(parseCron("0 9 * * 1-5")).toMatchObject({
      minute: [0],
      hour: [9],
      dayOfWeek: [1, 2, 3, 4, 5],
      dayOfWeekRestricted: true,
      dayOfMonthRestricted: false,
    });
  });

  it("accepts steps, lists, names and 7 as Sunday", () => {
    expect(parseCron("*/15 8-18/2 1,15 jan-mar mon-fri")).toMatchObject({
      minute: [0, 15, 30, 45],
      hour: [8, 10, 12, 14, 16, 18],
      dayOfMonth: [1, 15],
      month: [1, 2, 3],
      dayOfWeek: [1, 2, 3, 4, 5],
    });
    expect(parseCron("0 0 * * 7,0")?.dayOfWeek).toEqual([0]);
    expect(parseCron("5/20 * * * *")?.minute).toEqual([5, 25, 45]);
  });

  it("rejects what it does not support", () => {
    for (const bad of [
      "",
      "* * * *",
      "* * * * * *",
      "60 * * * *",
      "* 24 * * *",
      "* * 0 * *",
      "* * * 13 *",
      "* * * * 8",
      "@daily",
      "0 9 ? * MON",
      "0 9 L * *",
      "5-1 * * * *",
      "*/0 * * * *",
      "a * * * *",
      "1,,2 * * * *",
    ]) {
      expect(isValidCron(bad), bad).toBe(false);
    }
  });
});

describe("parseDuration", () => {
  it("reads minutes, hours, days and weeks", () => {
    expect(parseDuration("30m")).toBe(30 * 60_000);
    expect(parseDuration("4h")).toBe(4 * 3_600_000);
    expect(parseDuration("2d")).toBe(2 * 86_400_000);
    expect(parseDuration("1w")).toBe(7 * 86_400_000);
    for (const bad of ["", "2", "d", "0d", "1.5h", "2 d", "-1d", "2y"]) expect(parseDuration(bad), bad).toBeNull();
  });
});
