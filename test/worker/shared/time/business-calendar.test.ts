import { describe, expect, it } from "vitest";
import type { CalendarConfig } from "../../../../worker/shared/config/calendar";
import {
  addWorkingMinutes,
  isWorkingTime,
  nextWorkingInstant,
  workingMinutesBetween,
} from "../../../../worker/shared/time/business-calendar";
import { allDay, at, iso, officeHours } from "./helpers";

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const SYDNEY = "Australia/Sydney";
const add = (calendar: CalendarConfig | undefined, start: string, minutes: number) =>
  iso(addWorkingMinutes(calendar, at(start), minutes));
const between = (calendar: CalendarConfig | undefined, from: string, to: string) =>
  workingMinutesBetween(calendar, at(from), at(to));

describe("24x7 (no calendar)", () => {
  it("counts real time", () => {
    expect(add(undefined, "2026-03-08T06:30:00Z", 60)).toBe("2026-03-08T07:30:00.000Z");
    expect(add(undefined, "2026-01-01T00:00:00Z", 1.5)).toBe("2026-01-01T00:01:30.000Z");
    expect(between(undefined, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")).toBe(1440);
    expect(nextWorkingInstant(undefined, 123)).toBe(123);
    expect(isWorkingTime(undefined, 123)).toBe(true);
  });
});

describe("office hours in New York (Mon–Fri 09:00–17:00)", () => {
  const cal = officeHours(NY);

  it("adds within a day when the start is inside hours", () => {
    expect(add(cal, "2026-01-05T15:00:00Z", 60)).toBe("2026-01-05T16:00:00.000Z"); // Mon 10:00 → 11:00 EST
  });

  it("carries the rest over to the next morning", () => {
    expect(add(cal, "2026-01-05T21:30:00Z", 60)).toBe("2026-01-06T14:30:00.000Z"); // Mon 16:30 → Tue 09:30
  });

  it("starts counting at opening time when the start is before hours", () => {
    expect(add(cal, "2026-01-05T12:00:00Z", 30)).toBe("2026-01-05T14:30:00.000Z"); // Mon 07:00 → 09:30
  });

  it("skips the weekend from Friday evening and from Saturday", () => {
    expect(add(cal, "2026-01-09T23:00:00Z", 90)).toBe("2026-01-12T15:30:00.000Z"); // Fri 18:00 → Mon 10:30
    expect(add(cal, "2026-01-10T17:00:00Z", 90)).toBe("2026-01-12T15:30:00.000Z"); // Sat noon → Mon 10:30
  });

  it("ends at closing time when the minutes fill the day exactly", () => {
    expect(add(cal, "2026-01-05T14:00:00Z", 480)).toBe("2026-01-05T22:00:00.000Z"); // Mon 09:00 + 8h → Mon 17:00
    expect(add(cal, "2026-01-05T14:00:00Z", 481)).toBe("2026-01-06T14:01:00.000Z");
  });

  it("adds many days of work", () => {
    expect(add(cal, "2026-01-05T14:00:00Z", 5 * 480)).toBe("2026-01-09T22:00:00.000Z"); // a full week
    expect(add(cal, "2026-01-05T14:00:00Z", 10 * 480 + 60)).toBe("2026-01-19T15:00:00.000Z");
  });

  it("handles fractional minutes, rounding to whole milliseconds", () => {
    expect(add(cal, "2026-01-05T15:00:00Z", 0.5)).toBe("2026-01-05T15:00:30.000Z");
    expect(add(cal, "2026-01-05T15:00:00Z", 1 / 3)).toBe("2026-01-05T15:00:20.000Z");
    expect(add(cal, "2026-01-05T15:00:00Z", 0.0001)).toBe("2026-01-05T15:00:00.006Z");
    expect(add(cal, "2026-01-05T21:59:30Z", 1.25)).toBe("2026-01-06T14:00:45.000Z");
    expect(between(cal, "2026-01-05T21:59:30Z", "2026-01-06T14:00:45Z")).toBe(1.25);
  });

  it("returns the next working instant for zero minutes", () => {
    expect(add(cal, "2026-01-05T15:00:00Z", 0)).toBe("2026-01-05T15:00:00.000Z"); // inside: the start itself
    expect(add(cal, "2026-01-05T12:00:00Z", 0)).toBe("2026-01-05T14:00:00.000Z"); // before hours: opening
    expect(add(cal, "2026-01-05T22:00:00Z", 0)).toBe("2026-01-06T14:00:00.000Z"); // 17:00 is already closed
  });

  it("rejects negative, infinite and NaN minutes", () => {
    for (const bad of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => addWorkingMinutes(cal, 0, bad)).toThrow(RangeError);
      expect(() => addWorkingMinutes(undefined, 0, bad)).toThrow(RangeError);
    }
  });

  it("rejects instants that are not finite", () => {
    expect(() => addWorkingMinutes(cal, Number.NaN, 1)).toThrow(RangeError);
    expect(() => nextWorkingInstant(undefined, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => workingMinutesBetween(cal, 0, Number.NaN)).toThrow(RangeError);
  });

  it("counts working minutes between two instants", () => {
    expect(between(cal, "2026-01-05T14:00:00Z", "2026-01-05T22:00:00Z")).toBe(480);
    expect(between(cal, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")).toBe(480);
    expect(between(cal, "2026-01-09T21:00:00Z", "2026-01-12T15:00:00Z")).toBe(120); // Fri 16:00 → Mon 10:00
    expect(between(cal, "2026-01-10T12:00:00Z", "2026-01-11T12:00:00Z")).toBe(0); // the weekend
    expect(between(cal, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")).toBe(22 * 480);
  });

  it("counts nothing for an empty or reversed range", () => {
    expect(between(cal, "2026-01-05T15:00:00Z", "2026-01-05T15:00:00Z")).toBe(0);
    expect(between(cal, "2026-01-05T16:00:00Z", "2026-01-05T15:00:00Z")).toBe(0);
    expect(between(undefined, "2026-01-05T16:00:00Z", "2026-01-05T15:00:00Z")).toBe(0);
  });

  it("knows the next working instant and whether an instant is working time", () => {
    expect(iso(nextWorkingInstant(cal, at("2026-01-05T15:00:00Z")))).toBe("2026-01-05T15:00:00.000Z");
    expect(iso(nextWorkingInstant(cal, at("2026-01-05T13:59:59Z")))).toBe("2026-01-05T14:00:00.000Z");
    expect(iso(nextWorkingInstant(cal, at("2026-01-10T15:00:00Z")))).toBe("2026-01-12T14:00:00.000Z");
    expect(isWorkingTime(cal, at("2026-01-05T14:00:00Z"))).toBe(true); // opening is inside
    expect(isWorkingTime(cal, at("2026-01-05T22:00:00Z"))).toBe(false); // closing is outside
    expect(isWorkingTime(cal, at("2026-01-10T15:00:00Z"))).toBe(false);
  });
});

describe("holidays", () => {
  const cal = officeHours(NY, { holidays: ["2026-12-25", "2027-01-01"] });

  it("skips a holiday (Christmas 2026 is a Friday)", () => {
    expect(add(cal, "2026-12-24T21:00:00Z", 120)).toBe("2026-12-28T15:00:00.000Z"); // Thu 16:00 → Mon 10:00
    expect(between(cal, "2026-12-21T05:00:00Z", "2026-12-28T05:00:00Z")).toBe(4 * 480);
  });

  it("starts counting after the holiday when the start is on it", () => {
    expect(add(cal, "2026-12-25T15:00:00Z", 30)).toBe("2026-12-28T14:30:00.000Z");
    expect(iso(nextWorkingInstant(cal, at("2026-12-25T15:00:00Z")))).toBe("2026-12-28T14:00:00.000Z");
    expect(isWorkingTime(cal, at("2026-12-25T15:00:00Z"))).toBe(false);
  });

  it("reads holiday dates in the calendar's zone, not in UTC", () => {
    const berlin = allDay(BERLIN, ["2026-05-01"]);
    // 1 May runs from 22:00Z on 30 April to 22:00Z on 1 May in Berlin (CEST).
    expect(between(berlin, "2026-04-30T22:00:00Z", "2026-05-01T22:00:00Z")).toBe(0);
    expect(between(berlin, "2026-04-30T21:00:00Z", "2026-05-01T23:00:00Z")).toBe(120);
    expect(add(berlin, "2026-04-30T21:30:00Z", 60)).toBe("2026-05-01T22:30:00.000Z");
  });

  it("works in Sydney (Australia Day 2026 is a Monday)", () => {
    const sydney = officeHours(SYDNEY, { holidays: ["2026-01-26"] });
    expect(add(sydney, "2026-01-23T05:00:00Z", 120)).toBe("2026-01-26T23:00:00.000Z"); // Fri 16:00 AEDT → Tue 10:00
  });
});

describe("several intervals a day and intervals to midnight", () => {
  const split = officeHours(NY, {
    hours: {
      tue: [
        ["09:00", "12:00"],
        ["13:00", "17:00"],
      ],
    },
  });

  it("skips the lunch break", () => {
    expect(add(split, "2026-01-06T16:30:00Z", 60)).toBe("2026-01-06T18:30:00.000Z"); // Tue 11:30 → 13:30
    expect(add(split, "2026-01-06T17:00:00Z", 0)).toBe("2026-01-06T18:00:00.000Z"); // 12:00 → 13:00
    expect(add(split, "2026-01-06T14:00:00Z", 180)).toBe("2026-01-06T17:00:00.000Z"); // ends at 12:00, not 13:00
    expect(between(split, "2026-01-06T16:00:00Z", "2026-01-06T19:00:00Z")).toBe(120); // 11:00 → 14:00
    expect(between(split, "2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z")).toBe(420);
  });

  it("runs an evening shift through midnight into the next morning", () => {
    const night = officeHours(BERLIN, {
      hours: {
        mon: [["20:00", "24:00"]],
        tue: [
          ["00:00", "02:00"],
          ["20:00", "24:00"],
        ],
      },
    });
    expect(add(night, "2026-01-05T22:00:00Z", 120)).toBe("2026-01-06T00:00:00.000Z"); // Mon 23:00 CET → Tue 01:00
    expect(between(night, "2026-01-05T21:00:00Z", "2026-01-06T00:00:00Z")).toBe(180); // Mon 22:00 → Tue 01:00
    expect(add(night, "2026-01-05T22:59:00Z", 1)).toBe("2026-01-05T23:00:00.000Z"); // exactly midnight
    expect(isWorkingTime(night, at("2026-01-05T23:00:00Z"))).toBe(true); // midnight belongs to Tuesday's 00:00
  });

  it("treats adjacent intervals as continuous", () => {
    const adjacent = officeHours(NY, {
      hours: {
        mon: [
          ["09:00", "12:00"],
          ["12:00", "17:00"],
        ],
      },
    });
    expect(add(adjacent, "2026-01-05T16:30:00Z", 60)).toBe("2026-01-05T17:30:00.000Z");
    expect(isWorkingTime(adjacent, at("2026-01-05T17:00:00Z"))).toBe(true);
  });
});

describe("daylight-saving changes", () => {
  it("New York spring-forward weekend: a 9–5 day is still 8 hours", () => {
    const cal = officeHours(NY); // clocks jump 02:00 → 03:00 on Sunday 8 March 2026
    expect(add(cal, "2026-03-06T21:00:00Z", 120)).toBe("2026-03-09T14:00:00.000Z"); // Fri 16:00 EST → Mon 10:00 EDT
    expect(between(cal, "2026-03-06T14:00:00Z", "2026-03-09T21:00:00Z")).toBe(960);
    expect(between(cal, "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")).toBe(480);
  });

  it("New York fall-back weekend", () => {
    const cal = officeHours(NY); // clocks go back 02:00 → 01:00 on Sunday 1 November 2026
    expect(add(cal, "2026-10-30T20:00:00Z", 120)).toBe("2026-11-02T15:00:00.000Z"); // Fri 16:00 EDT → Mon 10:00 EST
    expect(between(cal, "2026-10-30T13:00:00Z", "2026-11-02T22:00:00Z")).toBe(960);
  });

  it("Berlin spring-forward and fall-back weekends", () => {
    const cal = officeHours(BERLIN);
    expect(add(cal, "2026-03-27T15:00:00Z", 120)).toBe("2026-03-30T08:00:00.000Z"); // Fri 16:00 CET → Mon 10:00 CEST
    expect(add(cal, "2026-10-23T14:00:00Z", 120)).toBe("2026-10-26T09:00:00.000Z"); // Fri 16:00 CEST → Mon 10:00 CET
    expect(between(cal, "2026-03-27T08:00:00Z", "2026-03-30T15:00:00Z")).toBe(960);
  });

  it("Sydney (southern hemisphere): DST ends in April and starts in October", () => {
    const cal = officeHours(SYDNEY);
    expect(add(cal, "2026-04-03T05:00:00Z", 120)).toBe("2026-04-06T00:00:00.000Z"); // Fri 16:00 AEDT → Mon 10:00 AEST
    expect(add(cal, "2026-10-02T06:00:00Z", 120)).toBe("2026-10-04T23:00:00.000Z"); // Fri 16:00 AEST → Mon 10:00 AEDT
  });

  it("a whole-day interval is 23 or 25 real hours on change days", () => {
    expect(between(allDay(NY), "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")).toBe(23 * 60);
    expect(between(allDay(NY), "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")).toBe(25 * 60);
    expect(between(allDay(BERLIN), "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")).toBe(23 * 60);
    expect(between(allDay(BERLIN), "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")).toBe(25 * 60);
    expect(add(allDay(NY), "2026-03-08T06:30:00Z", 60)).toBe("2026-03-08T07:30:00.000Z"); // 01:30 EST → 03:30 EDT
  });

  it("an interval crossing the change counts the real time between its clock readings", () => {
    const sunday = (interval: [string, string], zone: string) => officeHours(zone, { hours: { sun: [interval] } });
    // 01:00–04:00 on the New York spring-forward Sunday is 01:00 EST → 04:00 EDT: two hours.
    expect(between(sunday(["01:00", "04:00"], NY), "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z")).toBe(120);
    // …and four on the fall-back Sunday (01:00 EDT → 04:00 EST).
    expect(between(sunday(["01:00", "04:00"], NY), "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z")).toBe(240);
    // An interval inside the skipped hour does not happen that day.
    expect(between(sunday(["02:00", "03:00"], BERLIN), "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).toBe(0);
    expect(add(sunday(["02:00", "03:00"], BERLIN), "2026-03-28T12:00:00Z", 30)).toBe("2026-04-05T00:30:00.000Z");
    expect(iso(nextWorkingInstant(sunday(["02:00", "03:00"], BERLIN), at("2026-03-28T12:00:00Z")))).toBe(
      "2026-04-05T00:00:00.000Z",
    );
    expect(isWorkingTime(sunday(["02:00", "03:00"], BERLIN), at("2026-03-29T01:00:00Z"))).toBe(false);
    // Starting inside the skipped hour: 02:30–04:00 runs from the gap's end (03:00 CEST).
    expect(iso(nextWorkingInstant(sunday(["02:30", "04:00"], BERLIN), at("2026-03-28T12:00:00Z")))).toBe(
      "2026-03-29T01:00:00.000Z",
    );
    // The repeated hour 02:00–03:00 on the fall-back Sunday is worked through both passes.
    expect(between(sunday(["02:00", "03:00"], BERLIN), "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).toBe(120);
  });
});

describe("clock changes at midnight (Santiago)", () => {
  it("a day whose midnight is skipped starts at 01:00, and a repeated late evening is worked through", () => {
    const sundays = officeHours("America/Santiago", { hours: { sun: [["00:00", "24:00"]] } });
    // Sunday 6 September 2026 begins at 01:00 −03 (04:00Z) and ends at 03:00Z on the 7th: 23 hours.
    expect(between(sundays, "2026-09-05T00:00:00Z", "2026-09-08T00:00:00Z")).toBe(23 * 60);
    expect(iso(nextWorkingInstant(sundays, at("2026-09-05T12:00:00Z")))).toBe("2026-09-06T04:00:00.000Z");
    const evening = officeHours("America/Santiago", { hours: { sat: [["22:00", "24:00"]] } });
    // Saturday 4 April 22:00 −03 (01:00Z) until the clocks first show Sunday 00:00 (04:00Z, after the repeat).
    expect(between(evening, "2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z")).toBe(180);
    expect(isWorkingTime(evening, at("2026-04-05T03:30:00Z"))).toBe(true); // 23:30 −04, second pass
    expect(add(evening, "2026-04-05T03:30:00Z", 30)).toBe("2026-04-05T04:00:00.000Z");
  });
});

describe("calendars that never work", () => {
  const idle: CalendarConfig = { timezone: NY, hours: { mon: [], sat: [] } };

  it("throws rather than search for ever, and counts nothing", () => {
    expect(() => addWorkingMinutes(idle, 0, 10)).toThrow(/no working hours/);
    expect(() => addWorkingMinutes(idle, 0, 0)).toThrow(/no working hours/);
    expect(() => nextWorkingInstant(idle, 0)).toThrow(/no working hours/);
    expect(workingMinutesBetween(idle, 0, 10 * 86_400_000)).toBe(0);
    expect(isWorkingTime(idle, 0)).toBe(false);
  });

  it("still finds working time after a long run of holidays", () => {
    const days = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const cal = officeHours(BERLIN, { holidays: days });
    expect(add(cal, "2026-01-01T00:00:00Z", 60)).toBe("2027-02-05T09:00:00.000Z"); // Fri 5 Feb 2027 09:00 CET + 1h
  });
});

describe("long spans", () => {
  // workerd freezes clocks while code runs, so there is no timing assertion: the test timeout is the guard.
  it("adds and measures years of working time", () => {
    const cal = officeHours(NY, { holidays: ["2026-12-25"] });
    const end = addWorkingMinutes(cal, at("2026-01-05T14:00:00Z"), 250 * 480 * 4); // ~4 working years
    expect(workingMinutesBetween(cal, at("2026-01-05T14:00:00Z"), end)).toBe(250 * 480 * 4);
    // The 1000th working day (weekdays less one Christmas) is Monday 5 November 2029; 17:00 EST.
    expect(iso(end)).toBe("2029-11-05T22:00:00.000Z");
  });
});
