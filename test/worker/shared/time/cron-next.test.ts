import { describe, expect, it } from "vitest";
import { nextCronRun } from "../../../../worker/shared/time/cron-next";
import { at, iso } from "./helpers";

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const next = (expression: string, after: string, zone?: string) => iso(nextCronRun(expression, at(after), zone));

/** The first `count` runs after `after`. */
function runs(expression: string, after: string, zone: string, count: number): (string | null)[] {
  const out: (string | null)[] = [];
  let from = at(after);
  for (let i = 0; i < count; i++) {
    const run = nextCronRun(expression, from, zone);
    out.push(iso(run));
    if (run === null) break;
    from = run;
  }
  return out;
}

describe("nextCronRun basics", () => {
  it("every minute, strictly after", () => {
    expect(next("* * * * *", "2026-05-05T10:00:30Z")).toBe("2026-05-05T10:01:00.000Z");
    expect(next("* * * * *", "2026-05-05T10:01:00Z")).toBe("2026-05-05T10:02:00.000Z");
    expect(next("* * * * *", "2026-12-31T23:59:00Z")).toBe("2027-01-01T00:00:00.000Z");
  });

  it("hourly", () => {
    expect(next("0 * * * *", "2026-05-05T10:00:00Z")).toBe("2026-05-05T11:00:00.000Z");
    expect(next("0 * * * *", "2026-05-05T23:59:59.999Z")).toBe("2026-05-06T00:00:00.000Z");
  });

  it("defaults to UTC and honours the zone", () => {
    expect(next("0 9 * * *", "2026-05-05T00:00:00Z")).toBe("2026-05-05T09:00:00.000Z");
    expect(next("0 9 * * *", "2026-05-05T00:00:00Z", NY)).toBe("2026-05-05T13:00:00.000Z");
    expect(next("0 9 * * *", "2026-05-05T00:00:00Z", "Asia/Kathmandu")).toBe("2026-05-05T03:15:00.000Z");
  });

  it("steps, ranges and lists", () => {
    expect(runs("*/20 9-10 * * *", "2026-05-05T09:30:00Z", "UTC", 5)).toEqual([
      "2026-05-05T09:40:00.000Z",
      "2026-05-05T10:00:00.000Z",
      "2026-05-05T10:20:00.000Z",
      "2026-05-05T10:40:00.000Z",
      "2026-05-06T09:00:00.000Z",
    ]);
    expect(runs("5,35 */6 * * *", "2026-05-05T17:00:00Z", "UTC", 3)).toEqual([
      "2026-05-05T18:05:00.000Z",
      "2026-05-05T18:35:00.000Z",
      "2026-05-06T00:05:00.000Z",
    ]);
    expect(next("15 14 1 * *", "2026-05-01T14:15:00Z")).toBe("2026-06-01T14:15:00.000Z");
    expect(next("0 0 1 jan,jul *", "2026-01-01T00:00:00Z")).toBe("2026-07-01T00:00:00.000Z");
    expect(next("0 8 * * 7", "2026-05-05T00:00:00Z")).toBe("2026-05-10T08:00:00.000Z"); // 7 = Sunday
    expect(next("30 4 1-7 * *", "2026-05-07T04:30:00Z")).toBe("2026-06-01T04:30:00.000Z");
  });

  it("weekdays at 09:00", () => {
    expect(runs("0 9 * * 1-5", "2026-05-07T12:00:00Z", "UTC", 3)).toEqual([
      "2026-05-08T09:00:00.000Z",
      "2026-05-11T09:00:00.000Z",
      "2026-05-12T09:00:00.000Z",
    ]);
  });

  it("day-of-month OR day-of-week when both are restricted", () => {
    // 1st of the month or any Monday: 1 March 2026 is a Sunday.
    expect(runs("0 0 1 * mon", "2026-02-22T00:00:00Z", "UTC", 3)).toEqual([
      "2026-02-23T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
    ]);
    expect(runs("0 0 13 * 5", "2026-02-01T00:00:00Z", "UTC", 3)).toEqual([
      "2026-02-06T00:00:00.000Z",
      "2026-02-13T00:00:00.000Z",
      "2026-02-20T00:00:00.000Z",
    ]);
  });

  it("day-of-month AND day-of-week when one starts with *", () => {
    // `*/2` in day-of-month is "unrestricted" in classic cron: odd days that are Mondays.
    expect(next("0 0 */2 * 1", "2026-02-01T00:00:00Z")).toBe("2026-02-09T00:00:00.000Z");
    expect(next("0 0 13 * *", "2026-02-01T00:00:00Z")).toBe("2026-02-13T00:00:00.000Z");
  });

  it("29 February waits for a leap year, and skips 2100", () => {
    expect(next("0 12 29 2 *", "2026-01-01T00:00:00Z")).toBe("2028-02-29T12:00:00.000Z");
    expect(next("0 12 29 2 *", "2096-03-01T00:00:00Z")).toBe("2104-02-29T12:00:00.000Z");
    // A Sunday 29 February (dom AND dow, since `*/7` counts as unrestricted): 2032, then 2060.
    expect(next("0 0 29 2 */7", "2032-03-01T00:00:00Z")).toBe("2060-02-29T00:00:00.000Z");
  });

  it("returns null for a date that never exists", () => {
    expect(nextCronRun("0 0 30 2 *", at("2026-01-01T00:00:00Z"))).toBeNull();
    expect(nextCronRun("0 0 31 4,6,9,11 *", at("2026-01-01T00:00:00Z"), BERLIN)).toBeNull();
  });

  it("rejects invalid expressions and unknown zones", () => {
    expect(() => nextCronRun("0 9 * *", 0)).toThrow(RangeError);
    expect(() => nextCronRun("@daily", 0)).toThrow(/invalid cron/);
    expect(() => nextCronRun("0 9 * * *", 0, "Nowhere/Special")).toThrow(RangeError);
    expect(() => nextCronRun("0 9 * * *", Number.NaN)).toThrow(RangeError);
  });
});

describe("Berlin weekdays at 09:00 across DST", () => {
  it("moves from 08:00Z to 07:00Z over the spring-forward weekend", () => {
    expect(runs("0 9 * * 1-5", "2026-03-26T12:00:00Z", BERLIN, 3)).toEqual([
      "2026-03-27T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-03-31T07:00:00.000Z",
    ]);
  });

  it("moves back to 08:00Z over the fall-back weekend", () => {
    expect(runs("0 9 * * 1-5", "2026-10-22T12:00:00Z", BERLIN, 3)).toEqual([
      "2026-10-23T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-10-27T08:00:00.000Z",
    ]);
  });
});

describe("spring-forward gap (New York, 8 March 2026: 02:00 EST → 03:00 EDT)", () => {
  it("a fixed-time job in the gap runs once when the gap ends", () => {
    expect(runs("30 2 * * *", "2026-03-07T12:00:00Z", NY, 2)).toEqual([
      "2026-03-08T07:00:00.000Z", // 03:00 EDT
      "2026-03-09T06:30:00.000Z", // 02:30 EDT the next day
    ]);
  });

  it("several skipped times coalesce into that one run", () => {
    expect(runs("0,30 2 * * *", "2026-03-08T06:00:00Z", NY, 2)).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:00:00.000Z",
    ]);
    // …and a job due at 03:00 anyway still runs once.
    expect(runs("30 2,3 * * *", "2026-03-08T06:00:00Z", NY, 2)).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T07:30:00.000Z",
    ]);
  });

  it("interval jobs skip times that do not exist", () => {
    expect(runs("*/15 * * * *", "2026-03-08T06:30:00Z", NY, 3)).toEqual([
      "2026-03-08T06:45:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T07:15:00.000Z", // 01:45 EST, 03:00 EDT, 03:15
    ]);
    expect(next("30 * * * *", "2026-03-08T06:30:00Z", NY)).toBe("2026-03-08T07:30:00.000Z"); // 01:30 EST → 03:30 EDT
    expect(next("*/10 2 * * *", "2026-03-08T00:00:00Z", NY)).toBe("2026-03-09T06:00:00.000Z"); // none on the 8th
  });

  it("Berlin and Lord Howe (a 30-minute gap) behave the same way", () => {
    expect(next("30 2 * * *", "2026-03-28T12:00:00Z", BERLIN)).toBe("2026-03-29T01:00:00.000Z"); // 03:00 CEST
    // 02:30 +11
    expect(next("15 2 * * *", "2026-10-03T00:00:00Z", "Australia/Lord_Howe")).toBe("2026-10-03T15:30:00.000Z");
    // 03:00 AEDT
    expect(next("30 2 * * *", "2026-10-03T00:00:00Z", "Australia/Sydney")).toBe("2026-10-03T16:00:00.000Z");
  });

  it("a gap at midnight (Santiago): a midnight job runs at 01:00", () => {
    expect(next("0 0 * * *", "2026-09-05T12:00:00Z", "America/Santiago")).toBe("2026-09-06T04:00:00.000Z");
  });
});

describe("fall-back overlap (New York, 1 November 2026: 02:00 EDT → 01:00 EST)", () => {
  it("a fixed-time job in the repeated hour runs only the first time", () => {
    expect(runs("30 1 * * *", "2026-11-01T00:00:00Z", NY, 2)).toEqual([
      "2026-11-01T05:30:00.000Z", // 01:30 EDT
      "2026-11-02T06:30:00.000Z", // 01:30 EST the next day, not 06:30Z on the 1st
    ]);
  });

  it("interval jobs run in both passes, keeping real-time spacing", () => {
    expect(runs("0 * * * *", "2026-11-01T04:30:00Z", NY, 4)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]); // 01:00 EDT, 01:00 EST, 02:00 EST, 03:00 EST
    expect(next("* * * * *", "2026-11-01T05:59:00Z", NY)).toBe("2026-11-01T06:00:00.000Z");
    // fixed: 01:45 EST is a repeat
    expect(next("45 1 * * *", "2026-11-01T05:50:00Z", NY)).toBe("2026-11-02T06:45:00.000Z");
  });

  it("Berlin and Sydney", () => {
    expect(runs("30 2 * * *", "2026-10-24T12:00:00Z", BERLIN, 2)).toEqual([
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
    expect(runs("30 2 * * *", "2026-04-04T00:00:00Z", "Australia/Sydney", 2)).toEqual([
      "2026-04-04T15:30:00.000Z",
      "2026-04-05T16:30:00.000Z",
    ]);
  });

  it("an overlap across midnight (Santiago: 00:00 on 5 April back to 23:00 on the 4th)", () => {
    const zone = "America/Santiago";
    expect(runs("30 23 * * *", "2026-04-04T12:00:00Z", zone, 2)).toEqual([
      "2026-04-05T02:30:00.000Z",
      "2026-04-06T03:30:00.000Z",
    ]);
    expect(runs("30 * * * *", "2026-04-05T02:00:00Z", zone, 3)).toEqual([
      "2026-04-05T02:30:00.000Z",
      "2026-04-05T03:30:00.000Z",
      "2026-04-05T04:30:00.000Z", // 23:30 −03, 23:30 −04, 00:30 −04
    ]);
  });
});
