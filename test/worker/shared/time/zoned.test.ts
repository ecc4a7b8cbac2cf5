import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  resolveWallClock,
  wallClockInstants,
  wallClockMs,
  wallClockStart,
  zoneOffsetMs,
  zonedParts,
  zonedToInstant,
} from "../../../../worker/shared/time/zoned";
import { at, intlWallClock } from "./helpers";

const HOUR = 3_600_000;
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/Santiago",
];
const wall = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe("zonedParts", () => {
  it("reads local fields and the weekday in several zones", () => {
    const instant = at("2026-07-04T15:30:45Z"); // a Saturday
    expect(zonedParts(instant, "UTC")).toEqual({
      year: 2026,
      month: 7,
      day: 4,
      hour: 15,
      minute: 30,
      second: 45,
      weekday: 6,
    });
    expect(zonedParts(instant, "America/New_York")).toMatchObject({ day: 4, hour: 11, minute: 30, weekday: 6 });
    expect(zonedParts(instant, "Europe/Berlin")).toMatchObject({ day: 4, hour: 17 });
    expect(zonedParts(instant, "Australia/Sydney")).toMatchObject({ day: 5, hour: 1, weekday: 0 });
    expect(zonedParts(instant, "Asia/Kathmandu")).toMatchObject({ hour: 21, minute: 15 });
  });

  it("crosses year ends by zone", () => {
    expect(zonedParts(at("2026-01-01T03:00:00Z"), "America/New_York")).toMatchObject({
      year: 2025,
      month: 12,
      day: 31,
      hour: 22,
      weekday: 3,
    });
  });

  it("follows the clocks across spring-forward and fall-back", () => {
    expect(zonedParts(at("2026-03-08T06:59:59Z"), "America/New_York")).toMatchObject({
      hour: 1,
      minute: 59,
      second: 59,
    });
    expect(zonedParts(at("2026-03-08T07:00:00Z"), "America/New_York")).toMatchObject({ hour: 3, minute: 0 });
    expect(zonedParts(at("2026-11-01T05:59:59Z"), "America/New_York")).toMatchObject({ hour: 1, minute: 59 });
    expect(zonedParts(at("2026-11-01T06:00:00Z"), "America/New_York")).toMatchObject({ hour: 1, minute: 0 });
    expect(zonedParts(at("2026-10-25T00:59:00Z"), "Europe/Berlin")).toMatchObject({ hour: 2, minute: 59 });
    expect(zonedParts(at("2026-10-25T01:00:00Z"), "Europe/Berlin")).toMatchObject({ hour: 2, minute: 0 });
  });

  it("rejects an unknown zone", () => {
    expect(() => zonedParts(0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("zoneOffsetMs", () => {
  it("gives the offset in force, including half-hour and 45-minute zones", () => {
    expect(zoneOffsetMs(at("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffsetMs(at("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffsetMs(at("2026-07-15T12:00:00Z"), "Australia/Lord_Howe")).toBe(10.5 * HOUR);
    expect(zoneOffsetMs(at("2026-07-15T12:00:00Z"), "Asia/Kathmandu")).toBe(5.75 * HOUR);
  });

  it("changes at the exact transition instant", () => {
    expect(zoneOffsetMs(at("2026-03-29T00:59:59.999Z"), "Europe/Berlin")).toBe(HOUR);
    expect(zoneOffsetMs(at("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe(2 * HOUR);
  });
});

describe("zonedToInstant", () => {
  it("reads an ordinary local time", () => {
    expect(zonedToInstant({ year: 2026, month: 1, day: 5, hour: 9, minute: 0 }, "America/New_York")).toBe(
      at("2026-01-05T14:00:00Z"),
    );
    expect(zonedToInstant({ year: 2026, month: 7, day: 6, hour: 9, minute: 0 }, "Europe/Berlin")).toBe(
      at("2026-07-06T07:00:00Z"),
    );
  });

  it("moves a time in a spring-forward gap forward by the gap", () => {
    expect(zonedToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York")).toBe(
      at("2026-03-08T07:30:00Z"),
    ); // 03:30 EDT
    expect(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Berlin")).toBe(
      at("2026-03-29T01:30:00Z"),
    ); // 03:30 CEST
    expect(zonedToInstant({ year: 2026, month: 10, day: 4, hour: 2, minute: 30 }, "Australia/Sydney")).toBe(
      at("2026-10-03T16:30:00Z"),
    ); // 03:30 AEDT
  });

  it("reads a time repeated by a fall-back overlap as the earlier instant", () => {
    expect(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York")).toBe(
      at("2026-11-01T05:30:00Z"),
    ); // EDT
    expect(zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Berlin")).toBe(
      at("2026-10-25T00:30:00Z"),
    ); // CEST
    expect(zonedToInstant({ year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, "Australia/Sydney")).toBe(
      at("2026-04-04T15:30:00Z"),
    ); // AEDT
  });

  it("rolls hour 24 over to the next day's midnight", () => {
    expect(zonedToInstant({ year: 2026, month: 1, day: 31, hour: 24, minute: 0 }, "Europe/Berlin")).toBe(
      at("2026-01-31T23:00:00Z"),
    );
  });
});

describe("resolveWallClock", () => {
  it("classifies unique, gap and overlap times", () => {
    expect(resolveWallClock(wall(2026, 3, 8, 12), "America/New_York")).toEqual({
      kind: "unique",
      instant: at("2026-03-08T16:00:00Z"),
    });
    expect(resolveWallClock(wall(2026, 3, 8, 2, 30), "America/New_York")).toEqual({
      kind: "gap",
      shifted: at("2026-03-08T07:30:00Z"),
      gapEnd: at("2026-03-08T07:00:00Z"),
    });
    expect(resolveWallClock(wall(2026, 11, 1, 1, 30), "America/New_York")).toEqual({
      kind: "overlap",
      earlier: at("2026-11-01T05:30:00Z"),
      later: at("2026-11-01T06:30:00Z"),
    });
  });

  it("handles a 30-minute DST shift (Lord Howe Island)", () => {
    expect(resolveWallClock(wall(2026, 10, 4, 2, 15), "Australia/Lord_Howe")).toEqual({
      kind: "gap",
      shifted: at("2026-10-03T15:45:00Z"),
      gapEnd: at("2026-10-03T15:30:00Z"),
    });
    expect(wallClockInstants(wall(2026, 4, 5, 1, 45), "Australia/Lord_Howe")).toEqual([
      at("2026-04-04T14:45:00Z"),
      at("2026-04-04T15:15:00Z"),
    ]);
  });

  it("handles transitions at midnight (Santiago): the skipped midnight starts the day at 01:00", () => {
    expect(wallClockStart(wall(2026, 9, 6, 0), "America/Santiago")).toBe(at("2026-09-06T04:00:00Z"));
    expect(wallClockInstants(wall(2026, 9, 6, 0, 30), "America/Santiago")).toEqual([]);
    // Clocks go back from 00:00 on 5 April to 23:00 on the 4th, so 23:30 on the 4th happens twice.
    expect(wallClockInstants(wall(2026, 4, 4, 23, 30), "America/Santiago")).toEqual([
      at("2026-04-05T02:30:00Z"),
      at("2026-04-05T03:30:00Z"),
    ]);
  });
});

describe("wallClockStart", () => {
  it("is the gap's end for skipped times and the first reading for repeated ones", () => {
    expect(wallClockStart(wall(2026, 3, 8, 2, 0), "America/New_York")).toBe(at("2026-03-08T07:00:00Z"));
    expect(wallClockStart(wall(2026, 3, 8, 2, 59), "America/New_York")).toBe(at("2026-03-08T07:00:00Z"));
    expect(wallClockStart(wall(2026, 3, 8, 3, 0), "America/New_York")).toBe(at("2026-03-08T07:00:00Z"));
    expect(wallClockStart(wall(2026, 11, 1, 1, 0), "America/New_York")).toBe(at("2026-11-01T05:00:00Z"));
    expect(wallClockStart(wall(2026, 11, 1, 2, 0), "America/New_York")).toBe(at("2026-11-01T07:00:00Z"));
  });
});

// Instants from 2024 to 2028, dense around the transitions used above.
const instants = fc.oneof(
  fc.integer({ min: at("2024-01-01T00:00:00Z"), max: at("2028-12-31T00:00:00Z") }),
  fc
    .tuple(
      fc.constantFrom(
        "2026-03-08T07:00:00Z",
        "2026-11-01T06:00:00Z",
        "2026-03-29T01:00:00Z",
        "2026-10-25T01:00:00Z",
        "2026-04-04T16:00:00Z",
        "2026-10-03T16:00:00Z",
        "2026-04-04T15:00:00Z",
        "2026-04-05T03:00:00Z",
      ),
      fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
    )
    .map(([iso, delta]) => at(iso) + delta),
);

describe("properties", () => {
  it("agrees with Intl on the wall clock of any instant", () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        const minute = Math.floor(instant / 60_000) * 60_000;
        expect(Math.floor(wallClockMs(minute, zone) / 60_000) * 60_000).toBe(intlWallClock(minute, zone));
      }),
      { numRuns: 500 },
    );
  });

  it("finds every instant among the readings of its own wall clock", () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        expect(wallClockInstants(wallClockMs(instant, zone), zone)).toContain(instant);
        expect(zonedToInstant(zonedParts(instant - (instant % 60_000), zone), zone)).toBeLessThanOrEqual(instant);
      }),
      { numRuns: 500 },
    );
  });

  it("wallClockStart never decreases and never precedes a reading of the same time", () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 4 * HOUR }), fc.constantFrom(...ZONES), (base, step, zone) => {
        const w = Math.floor(base / 60_000) * 60_000;
        expect(wallClockStart(w, zone)).toBeLessThanOrEqual(wallClockStart(w + step, zone));
        for (const reading of wallClockInstants(w, zone)) expect(wallClockStart(w, zone)).toBeLessThanOrEqual(reading);
      }),
      { numRuns: 500 },
    );
  });
});
