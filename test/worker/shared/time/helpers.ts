import type { CalendarConfig } from "../../../../worker/shared/config/calendar";

/** Epoch ms of an ISO instant; tests spell expected instants in UTC so they do not reuse the code under test. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const NINE_TO_FIVE: [string, string][] = [["09:00", "17:00"]];

/** Monday–Friday 09:00–17:00 in a zone, with overrides. */
export function officeHours(timezone: string, overrides: Partial<CalendarConfig> = {}): CalendarConfig {
  return {
    timezone,
    hours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
    ...overrides,
  };
}

/** Every day 00:00–24:00, so working time equals real time except on holidays. */
export function allDay(timezone: string, holidays?: string[]): CalendarConfig {
  const day: [string, string][] = [["00:00", "24:00"]];
  return {
    timezone,
    hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    ...(holidays ? { holidays } : {}),
  };
}

/** Independent of the code under test: the wall clock (as UTC ms) straight from Intl. */
const formats = new Map<string, Intl.DateTimeFormat>();
export function intlWallClock(instantMs: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formats.set(timeZone, format);
  }
  const f = Object.fromEntries(format.formatToParts(instantMs).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour! % 24, f.minute!);
}
