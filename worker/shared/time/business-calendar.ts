// Business-calendar arithmetic for SLA timers, escalations and countdowns. Pure: time is always a
// parameter, so the tenant object, the web app and tests can move it.
//
// Working time is real elapsed time inside the calendar's working intervals. An interval
// ["09:00", "17:00"] on a date runs from the first instant the zone's clocks show 09:00 that day
// to the first instant they show 17:00 (see `wallClockStart`). So a 09:00–17:00 day is 8 hours on
// DST-change days too (the clocks change at night), while a 00:00–24:00 day is 23 or 25 hours then.
// Holidays are dates in the calendar's zone and are not worked at all.

import { type CalendarConfig, WEEKDAYS, minutesOfDay } from "../config/calendar";
import { DAY_MS, MINUTE_MS, wallClockMs, wallClockStart } from "./zoned";

/** A working calendar, or undefined for 24x7 (an SLA without a calendar). */
export type Calendar = CalendarConfig | undefined;

type Interval = readonly [startMs: number, endMs: number];

type CompiledCalendar = {
  timeZone: string;
  byWeekday: (readonly (readonly [number, number])[])[]; // index 0 = Sunday; minutes of the day
  holidays: Set<number>; // local dates as day numbers (days since 1970-01-01)
  worksAtAll: boolean;
};

// Published config objects are immutable, so a calendar is compiled once per object.
const compiledCache = new WeakMap<CalendarConfig, CompiledCalendar>();

function compile(calendar: CalendarConfig): CompiledCalendar {
  let compiled = compiledCache.get(calendar);
  if (compiled) return compiled;
  // WEEKDAYS starts on Monday; Date#getUTCDay starts on Sunday.
  const byWeekday = [6, 0, 1, 2, 3, 4, 5].map((i) =>
    (calendar.hours[WEEKDAYS[i]!] ?? []).map(([start, end]) => [minutesOfDay(start), minutesOfDay(end)] as const),
  );
  compiled = {
    timeZone: calendar.timezone,
    byWeekday,
    holidays: new Set((calendar.holidays ?? []).map((date) => Math.floor(Date.parse(date) / DAY_MS))),
    worksAtAll: byWeekday.some((intervals) => intervals.some(([start, end]) => end > start)),
  };
  compiledCache.set(calendar, compiled);
  return compiled;
}

function assertWorks(calendar: CompiledCalendar): void {
  // calendarSchema already rejects such calendars; reaching this is a caller bug, and looping for
  // ever looking for working time would be worse than failing loudly.
  if (!calendar.worksAtAll) throw new RangeError("calendar has no working hours, so working time never elapses");
}

/**
 * The calendar's working intervals as instants, in order, starting with the one that contains
 * `fromMs` or the first after it. Endless: callers stop when they have what they need. Days off
 * cost no Intl call, and every week has working time (assertWorks) while holidays are finite, so
 * each step of the loop terminates.
 */
function* intervalsFrom(calendar: CompiledCalendar, fromMs: number): Generator<Interval> {
  // Earlier dates cannot matter: their intervals end by the first instant the clocks show the
  // next midnight, and `fromMs` shows its own date, so it is at or past that instant.
  for (let day = Math.floor(wallClockMs(fromMs, calendar.timeZone) / DAY_MS); ; day++) {
    if (calendar.holidays.has(day)) continue;
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    for (const [startMinute, endMinute] of calendar.byWeekday[weekday]!) {
      const start = wallClockStart(day * DAY_MS + startMinute * MINUTE_MS, calendar.timeZone);
      const end = wallClockStart(day * DAY_MS + endMinute * MINUTE_MS, calendar.timeZone);
      // Empty when a clock change swallows the whole interval (02:00–03:00 on a spring-forward day).
      if (end > fromMs && end > start) yield [start, end];
    }
  }
}

function assertMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`);
}

function assertInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`instant must be finite epoch ms, got ${ms}`);
}

/** `ms` itself when it is working time, else the start of the next working interval. */
export function nextWorkingInstant(calendar: Calendar, ms: number): number {
  assertInstant(ms);
  if (!calendar) return ms;
  const compiled = compile(calendar);
  assertWorks(compiled);
  for (const [start] of intervalsFrom(compiled, ms)) return Math.max(start, ms);
  throw new Error("unreachable: intervalsFrom never ends");
}

/**
 * The instant at which `minutes` of working time (fractional allowed, rounded to whole ms) have
 * elapsed after `startMs`. Counting starts at the next working instant when `startMs` is outside
 * working hours, so 0 minutes gives `nextWorkingInstant(startMs)`: the moment the clock starts.
 * When the time runs out exactly at the end of an interval, that end is returned, not the start
 * of the next interval.
 */
export function addWorkingMinutes(calendar: Calendar, startMs: number, minutes: number): number {
  assertMinutes(minutes);
  assertInstant(startMs);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (!calendar) return startMs + remaining;
  if (remaining === 0) return nextWorkingInstant(calendar, startMs);
  const compiled = compile(calendar);
  assertWorks(compiled);
  for (const [start, end] of intervalsFrom(compiled, startMs)) {
    const from = Math.max(start, startMs);
    if (remaining <= end - from) return from + remaining;
    remaining -= end - from;
  }
  throw new Error("unreachable: intervalsFrom never ends");
}

/** Working minutes in [fromMs, toMs); 0 when `toMs` ≤ `fromMs` or the calendar never works. */
export function workingMinutesBetween(calendar: Calendar, fromMs: number, toMs: number): number {
  assertInstant(fromMs);
  assertInstant(toMs);
  if (!(toMs > fromMs)) return 0;
  if (!calendar) return (toMs - fromMs) / MINUTE_MS;
  const compiled = compile(calendar);
  // intervalsFrom would never yield for such a calendar; nothing worked is the right answer anyway.
  if (!compiled.worksAtAll) return 0;
  let total = 0;
  for (const [start, end] of intervalsFrom(compiled, fromMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - Math.max(start, fromMs);
  }
  return total / MINUTE_MS;
}

/** Whether `ms` is working time (never, for a calendar without working hours). */
export function isWorkingTime(calendar: Calendar, ms: number): boolean {
  if (calendar && !compile(calendar).worksAtAll) return false;
  return nextWorkingInstant(calendar, ms) === ms;
}
