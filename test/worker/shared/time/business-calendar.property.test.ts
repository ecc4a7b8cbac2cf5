import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CalendarConfig, WEEKDAYS, calendarSchema } from "../../../../worker/shared/config/calendar";
import {
  addWorkingMinutes,
  isWorkingTime,
  nextWorkingInstant,
  workingMinutesBetween,
} from "../../../../worker/shared/time/business-calendar";
import { at } from "./helpers";

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/Santiago",
];
// One millisecond of rounding, in minutes, plus float noise.
const TOLERANCE = 1 / 60_000 + 1e-9;

const hhmm = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, "0")}:${String((quarter % 4) * 15).padStart(2, "0")}`;

// Up to three ordered, non-overlapping intervals on quarter-hour boundaries (ending at 24:00 at most).
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((marks) => {
  const sorted = [...marks].sort((a, b) => a - b);
  const intervals: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
  return intervals;
});

const holidays = fc
  .uniqueArray(
    fc.integer({ min: at("2025-12-01T00:00:00Z") / 86_400_000, max: at("2027-03-01T00:00:00Z") / 86_400_000 }),
    { maxLength: 40 },
  )
  .map((days) => days.map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)));

const calendars: fc.Arbitrary<CalendarConfig> = fc
  .record({ zone: fc.constantFrom(...ZONES), week: fc.array(dayHours, { minLength: 7, maxLength: 7 }), holidays })
  .filter(({ week }) => week.some((intervals) => intervals.length > 0))
  .map(({ zone, week, holidays }) => ({
    timezone: zone,
    hours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, week[i]!])),
    holidays,
  }));

// Starts across 2026, and right around the DST changes of the zones above.
const starts = fc.oneof(
  fc.integer({ min: at("2026-01-01T00:00:00Z"), max: at("2026-12-31T00:00:00Z") }),
  fc
    .tuple(
      fc.constantFrom(
        "2026-03-08T07:00:00Z",
        "2026-11-01T06:00:00Z",
        "2026-03-29T01:00:00Z",
        "2026-10-25T01:00:00Z",
        "2026-04-04T16:00:00Z",
        "2026-10-03T16:00:00Z",
        "2026-04-05T03:00:00Z",
        "2026-09-06T04:00:00Z",
      ),
      fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }),
    )
    .map(([iso, delta]) => at(iso) + delta),
);

const minutes = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.double({ min: 0, max: 5000, noNaN: true, noDefaultInfinity: true }),
);

describe("business calendar properties", () => {
  it("generates only calendars the config schema accepts", () => {
    fc.assert(
      fc.property(calendars, (calendar) => {
        expect(calendarSchema.safeParse(calendar).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("workingMinutesBetween(start, addWorkingMinutes(start, m)) === m", () => {
    fc.assert(
      fc.property(calendars, starts, minutes, (calendar, start, m) => {
        const end = addWorkingMinutes(calendar, start, m);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(Math.abs(workingMinutesBetween(calendar, start, end) - m)).toBeLessThanOrEqual(TOLERANCE);
      }),
      { numRuns: 300 },
    );
  });

  it("returns the earliest such instant", () => {
    fc.assert(
      fc.property(calendars, starts, fc.integer({ min: 1, max: 5000 }), (calendar, start, m) => {
        const end = addWorkingMinutes(calendar, start, m);
        expect(workingMinutesBetween(calendar, start, end - 1)).toBeLessThan(m);
      }),
      { numRuns: 200 },
    );
  });

  it("is monotonic in the minutes and in the end of the range", () => {
    fc.assert(
      fc.property(calendars, starts, minutes, minutes, (calendar, start, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(addWorkingMinutes(calendar, start, low)).toBeLessThanOrEqual(addWorkingMinutes(calendar, start, high));
        const lowEnd = start + low * 60_000;
        const highEnd = start + high * 60_000;
        expect(workingMinutesBetween(calendar, start, lowEnd)).toBeLessThanOrEqual(
          workingMinutesBetween(calendar, start, highEnd),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("never counts more than real time, and ranges add up", () => {
    fc.assert(
      fc.property(calendars, starts, fc.nat(20 * 86_400_000), fc.nat(20 * 86_400_000), (calendar, a, x, y) => {
        const b = a + x;
        const c = b + y;
        const ab = workingMinutesBetween(calendar, a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(x / 60_000);
        expect(
          Math.abs(ab + workingMinutesBetween(calendar, b, c) - workingMinutesBetween(calendar, a, c)),
        ).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it("chains: adding m then n is adding m + n (whole minutes)", () => {
    fc.assert(
      fc.property(
        calendars,
        starts,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (calendar, start, m, n) => {
          expect(addWorkingMinutes(calendar, addWorkingMinutes(calendar, start, m), n)).toBe(
            addWorkingMinutes(calendar, start, m + n),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("zero minutes is the next working instant, which is working time and counts nothing before it", () => {
    fc.assert(
      fc.property(calendars, starts, (calendar, start) => {
        const next = nextWorkingInstant(calendar, start);
        expect(addWorkingMinutes(calendar, start, 0)).toBe(next);
        expect(next).toBeGreaterThanOrEqual(start);
        expect(isWorkingTime(calendar, next)).toBe(true);
        expect(workingMinutesBetween(calendar, start, next)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("without a calendar, working time is real time", () => {
    fc.assert(
      fc.property(starts, minutes, (start, m) => {
        expect(addWorkingMinutes(undefined, start, m)).toBe(start + Math.round(m * 60_000));
        expect(workingMinutesBetween(undefined, start, start + Math.round(m * 60_000))).toBeCloseTo(m, 4);
      }),
    );
  });
});
