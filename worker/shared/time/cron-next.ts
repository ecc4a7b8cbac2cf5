// Next run of a five-field cron schedule in a time zone, for `schedule` triggers run by the
// tenant object's alarm. Pure: the "after" instant is a parameter.
//
// Clock changes follow Vixie cron, the behaviour most people have met:
// - A *fixed-time* job (minute and hour fields both without `*`, e.g. `30 2 * * *`) runs once per
//   matching local time: at the first instant the clocks show that time or later. So a time
//   skipped by a spring-forward gap runs when the gap ends (02:30 → 03:00 when 02:00 jumps to
//   03:00; several skipped times coalesce into that one run), and a time repeated by a fall-back
//   overlap runs only the first time round.
// - An *interval* job (minute or hour field starting with `*`, e.g. `*/15 * * * *`, `0 * * * *`)
//   runs whenever the clocks show a matching time: not at all for times inside a gap, and in both
//   passes of an overlap, so it keeps its real-time rhythm through the change.

import { type CronSchedule, parseCron } from "../config/cron";
import { DAY_MS, MINUTE_MS, resolveWallClock, wallClockMs } from "./zoned";

// Dates and weekdays repeat every 400 Gregorian years (146,097 days): a schedule with no day in
// one cycle (e.g. `0 0 30 2 *`) never runs.
const CYCLE_DAYS = 146_097;

type Plan = {
  schedule: CronSchedule;
  fixedTime: boolean;
  months: Set<number>;
  daysOfMonth: Set<number>;
  daysOfWeek: Set<number>;
  timeCount: number;
  timeAt: (index: number) => number; // the index-th matching minute of the day, ascending
};

function planFor(expression: string): Plan {
  const schedule = parseCron(expression);
  if (!schedule) throw new RangeError(`invalid cron expression "${expression}"`);
  const [minuteText = "", hourText = ""] = expression.trim().split(/\s+/);
  return {
    schedule,
    fixedTime: !minuteText.startsWith("*") && !hourText.startsWith("*"),
    months: new Set(schedule.month),
    daysOfMonth: new Set(schedule.dayOfMonth),
    daysOfWeek: new Set(schedule.dayOfWeek),
    // Computed by index rather than listed: up to 1,440 entries, of which a search reads a dozen.
    timeCount: schedule.hour.length * schedule.minute.length,
    timeAt: (index) =>
      schedule.hour[Math.floor(index / schedule.minute.length)]! * 60 +
      schedule.minute[index % schedule.minute.length]!,
  };
}

// Classic cron: when both day fields are restricted a day matches if EITHER does.
function dayMatches(plan: Plan, date: Date): boolean {
  const byMonthDay = plan.daysOfMonth.has(date.getUTCDate());
  const byWeekday = plan.daysOfWeek.has(date.getUTCDay());
  const { dayOfMonthRestricted, dayOfWeekRestricted } = plan.schedule;
  return dayOfMonthRestricted && dayOfWeekRestricted ? byMonthDay || byWeekday : byMonthDay && byWeekday;
}

// Longest each month can be (February in a leap year).
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Rules out at once the schedules that name only dates no month has (`0 0 30 2 *`), which would
// otherwise cost a walk through a whole 400-year cycle.
function namesRealDate(plan: Plan): boolean {
  const { dayOfMonthRestricted, dayOfWeekRestricted, month, dayOfMonth } = plan.schedule;
  if (!dayOfMonthRestricted || dayOfWeekRestricted) return true;
  return month.some((m) => dayOfMonth.some((d) => d <= MONTH_LENGTHS[m - 1]!));
}

/** The first index in [0, count) where `isAfter` holds, given it never turns false again; else count. */
function firstIndex(count: number, isAfter: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

type Reading = "earlier" | "later";

/**
 * The first run after `afterMs` among the day's readings of one kind: for each matching local
 * time, its earlier (or later) instant in an overlap, its only instant otherwise. Times in a gap
 * have no reading for interval jobs and read as the gap's end for fixed-time jobs. Keyed that way
 * each sequence never decreases, so a binary search finds the start.
 */
function firstReading(plan: Plan, day: number, afterMs: number, timeZone: string, reading: Reading): number | null {
  const resolve = (index: number) => resolveWallClock(day * DAY_MS + plan.timeAt(index) * MINUTE_MS, timeZone);
  const key = (index: number): number => {
    const resolved = resolve(index);
    if (resolved.kind === "unique") return resolved.instant;
    return resolved.kind === "gap" ? resolved.gapEnd : resolved[reading];
  };
  for (let index = firstIndex(plan.timeCount, (i) => key(i) > afterMs); index < plan.timeCount; index++) {
    if (plan.fixedTime || resolve(index).kind !== "gap") return key(index);
  }
  return null;
}

function firstRunOnDay(plan: Plan, day: number, afterMs: number, timeZone: string): number | null {
  const earlier = firstReading(plan, day, afterMs, timeZone, "earlier");
  // Fixed-time jobs run once per local time, at its first reading.
  if (plan.fixedTime) return earlier;
  const later = firstReading(plan, day, afterMs, timeZone, "later");
  if (earlier === null || later === null) return earlier ?? later;
  return Math.min(earlier, later);
}

/**
 * The first instant strictly after `afterMs` at which `expression` is due in `timeZone` (whole
 * local minutes), or null when the schedule names no date that exists (`0 0 30 2 *`).
 * Throws RangeError for an invalid expression or an unknown time zone.
 */
export function nextCronRun(expression: string, afterMs: number, timeZone = "UTC"): number | null {
  if (!Number.isFinite(afterMs)) throw new RangeError(`afterMs must be a finite instant, got ${afterMs}`);
  const plan = planFor(expression);
  if (!namesRealDate(plan)) return null;
  // A day early: where the clocks go back across midnight, a later instant can show the previous
  // date, and an interval job runs again at its repeated times.
  const firstDay = Math.floor(wallClockMs(afterMs, timeZone) / DAY_MS) - 1;
  let day = firstDay;
  while (day <= firstDay + CYCLE_DAYS) {
    const date = new Date(day * DAY_MS);
    if (!plan.months.has(date.getUTCMonth() + 1)) {
      // Jump to the first of the next month rather than walk through a month that cannot match.
      day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
      continue;
    }
    if (dayMatches(plan, date)) {
      const run = firstRunOnDay(plan, day, afterMs, timeZone);
      if (run !== null) return run;
    }
    day++;
  }
  return null;
}
