import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCron } from "../../../../worker/shared/config/cron";
import { nextCronRun } from "../../../../worker/shared/time/cron-next";
import { at, intlWallClock } from "./helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/Santiago",
];
const HORIZON = 3 * 24 * HOUR;

/**
 * A minute-by-minute reference, written from the documented rules rather than from the code:
 * an interval job fires at every minute whose wall clock matches; a fixed-time job fires when the
 * wall clock first reaches a matching time it has not shown before (so a skipped time fires at
 * the gap's end and a repeated time fires once).
 */
function reference(expression: string, afterMs: number, zone: string): number | null {
  const schedule = parseCron(expression)!;
  const [minuteText = "", hourText = ""] = expression.split(" ");
  const fixedTime = !minuteText.startsWith("*") && !hourText.startsWith("*");
  const matches = (wall: number) => {
    const d = new Date(wall);
    const dom = schedule.dayOfMonth.includes(d.getUTCDate());
    const dow = schedule.dayOfWeek.includes(d.getUTCDay());
    const day = schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted ? dom || dow : dom && dow;
    return (
      day &&
      schedule.month.includes(d.getUTCMonth() + 1) &&
      schedule.hour.includes(d.getUTCHours()) &&
      schedule.minute.includes(d.getUTCMinutes())
    );
  };
  // Every 2026 clock change of these zones falls on a quarter hour, so one Intl call per quarter will do.
  const wallAt = (t: number) => {
    const quarter = Math.floor(t / (15 * MINUTE)) * 15 * MINUTE;
    return t + intlWallClock(quarter, zone) - quarter;
  };
  const start = Math.floor(afterMs / MINUTE) * MINUTE - 6 * HOUR; // clocks never go back 6 hours
  let highest = wallAt(start - MINUTE);
  for (let t = start; t <= afterMs + HORIZON; t += MINUTE) {
    const wall = wallAt(t);
    let fires = false;
    if (!fixedTime) fires = matches(wall);
    else for (let w = highest + MINUTE; w <= wall && !fires; w += MINUTE) fires = matches(w);
    highest = Math.max(highest, wall);
    if (fires && t > afterMs) return t;
  }
  return null;
}

const field = (max: number, min = 0) =>
  fc.oneof(
    fc.constant("*"),
    fc.integer({ min: 1, max: Math.min(max, 30) }).map((step) => `*/${step}`),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((values) => values.join(",")),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  );

// Frequent enough to run within the three-day horizon most of the time; day fields exercise OR/AND.
const expressions = fc
  .tuple(field(59), field(23), fc.oneof(fc.constant("*"), field(31, 1)), fc.oneof(fc.constant("*"), field(6)))
  .map(([minute, hour, dom, dow]) => `${minute} ${hour} ${dom} * ${dow}`);

// 2026 clock changes per zone (UTC has none).
const CHANGES: Record<string, string[]> = {
  UTC: [],
  "America/New_York": ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"],
  "Europe/Berlin": ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"],
  "Australia/Sydney": ["2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z"],
  "Australia/Lord_Howe": ["2026-04-04T15:00:00Z", "2026-10-03T15:30:00Z"],
  "Asia/Kathmandu": [],
  "America/Santiago": ["2026-04-05T03:00:00Z", "2026-09-06T04:00:00Z"],
};

// A zone and an instant: anywhere in 2026, or within hours of one of that zone's clock changes.
const zonedAfters = fc
  .constantFrom(...ZONES)
  .chain((zone) =>
    fc.tuple(
      fc.constant(zone),
      fc.oneof(
        fc.integer({ min: at("2026-01-01T00:00:00Z"), max: at("2026-12-31T00:00:00Z") }),
        ...CHANGES[zone]!.map((change) =>
          fc.integer({ min: -4 * HOUR, max: 3 * HOUR }).map((delta) => at(change) + delta),
        ),
        ...CHANGES[zone]!.map((change) =>
          fc.integer({ min: -30 * HOUR, max: -4 * HOUR }).map((delta) => at(change) + delta),
        ),
      ),
    ),
  );

describe("nextCronRun against a minute-by-minute reference", () => {
  it("agrees on random schedules, zones and instants, including across clock changes", () => {
    fc.assert(
      fc.property(expressions, zonedAfters, (expression, [zone, after]) => {
        const expected = reference(expression, after, zone);
        const actual = nextCronRun(expression, after, zone);
        if (expected !== null) expect(actual).toBe(expected);
        else expect(actual === null || actual > after + HORIZON).toBe(true);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it("is strictly after its input and repeats forward", () => {
    fc.assert(
      fc.property(expressions, zonedAfters, (expression, [zone, after]) => {
        const first = nextCronRun(expression, after, zone);
        if (first === null) return;
        expect(first).toBeGreaterThan(after);
        const second = nextCronRun(expression, first, zone);
        if (second !== null) expect(second).toBeGreaterThan(first);
        // Anything between after and first yields first again.
        expect(nextCronRun(expression, Math.floor((after + first) / 2), zone)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});
