// Time-zone arithmetic on top of the standard `Intl.DateTimeFormat` (browsers and workerd alike).
//
// "Wall-clock ms" below means a local date and time encoded as if it were UTC:
// `Date.UTC(year, month - 1, day, hour, minute)`. It lets callers do calendar arithmetic on local
// dates (add a day, read the weekday) with plain numbers, and only touch Intl at the boundary.
//
// Assumption, true of every zone in the tz database since 1900: a zone's offset changes at most
// once in any three-day window, and offsets lie within ±16 h.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export type ZonedParts = {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday … 6 = Saturday
};

export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number };

/** How a wall-clock time maps to instants: once, twice (fall-back overlap) or never (spring-forward gap). */
export type WallClockResolution =
  | { kind: "unique"; instant: number }
  | { kind: "overlap"; earlier: number; later: number }
  // `shifted`: the wall time read with the offset before the gap (02:30 → 03:30 for a one-hour gap);
  // `gapEnd`: the instant the gap ends, the first moment the clocks show a later time (03:00).
  | { kind: "gap"; shifted: number; gapEnd: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

// Throws RangeError for an unknown zone; config validation (isValidTimeZone) rejects those first.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset (wall clock minus UTC, in ms) in force at `instantMs`, straight from Intl. */
function offsetFromIntl(instantMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1);
  // Some engines print midnight as "24" even with h23; it is hour 0 of the same day.
  date.setUTCHours((fields.hour ?? 0) % 24, fields.minute ?? 0, fields.second ?? 0, 0);
  const wholeSecond = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return date.getTime() - wholeSecond;
}

// Offsets sampled at UTC midnights, memoised per zone: with the three-day assumption above, two
// equal samples around a moment prove no transition lies between, so most lookups cost no Intl call.
const probes = new Map<string, Map<number, number>>();
const PROBE_CACHE_LIMIT = 20_000;

function probe(timeZone: string, dayNumber: number): number {
  let byDay = probes.get(timeZone);
  if (!byDay) probes.set(timeZone, (byDay = new Map()));
  let offset = byDay.get(dayNumber);
  if (offset === undefined) {
    if (byDay.size >= PROBE_CACHE_LIMIT) byDay.clear();
    offset = offsetFromIntl(dayNumber * DAY_MS, timeZone);
    byDay.set(dayNumber, offset);
  }
  return offset;
}

/** The zone's offset (ms, wall clock minus UTC) at an instant. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const day = Math.floor(instantMs / DAY_MS);
  const before = probe(timeZone, day);
  return before === probe(timeZone, day + 1) ? before : offsetFromIntl(instantMs, timeZone);
}

/** The wall-clock ms (local time encoded as UTC) shown in `timeZone` at an instant. */
export function wallClockMs(instantMs: number, timeZone: string): number {
  return instantMs + zoneOffsetMs(instantMs, timeZone);
}

/** The local calendar fields of an instant in a zone. */
export function zonedParts(instantMs: number, timeZone: string): ZonedParts {
  const wall = new Date(wallClockMs(instantMs, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
  };
}

/** Every way a wall-clock time can be read in a zone. */
export function resolveWallClock(wallMs: number, timeZone: string): WallClockResolution {
  const day = Math.floor(wallMs / DAY_MS);
  // Any instant showing `wallMs` lies within ±16 h of it, so inside these two samples.
  const before = probe(timeZone, day - 1);
  const after = probe(timeZone, day + 2);
  if (before === after) return { kind: "unique", instant: wallMs - before };
  const withBefore = wallMs - before;
  const withAfter = wallMs - after;
  const beforeFits = offsetFromIntl(withBefore, timeZone) === before;
  const afterFits = offsetFromIntl(withAfter, timeZone) === after;
  if (beforeFits && afterFits && withBefore !== withAfter) {
    return { kind: "overlap", earlier: Math.min(withBefore, withAfter), later: Math.max(withBefore, withAfter) };
  }
  if (beforeFits) return { kind: "unique", instant: withBefore };
  if (afterFits) return { kind: "unique", instant: withAfter };
  const gapEnd = transitionBetween(Math.min(withBefore, withAfter), Math.max(withBefore, withAfter), after, timeZone);
  return { kind: "gap", shifted: withBefore, gapEnd };
}

// Binary search, to the second (tz transitions fall on whole seconds), for the first instant in
// (lo, hi] whose offset is already `newOffset`.
function transitionBetween(loMs: number, hiMs: number, newOffset: number, timeZone: string): number {
  let lo = Math.floor(loMs / 1000);
  let hi = Math.ceil(hiMs / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetFromIntl(mid * 1000, timeZone) === newOffset) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** The instants at which the zone's clocks show exactly `wallMs`: none in a gap, two in an overlap. */
export function wallClockInstants(wallMs: number, timeZone: string): number[] {
  const resolved = resolveWallClock(wallMs, timeZone);
  if (resolved.kind === "unique") return [resolved.instant];
  return resolved.kind === "overlap" ? [resolved.earlier, resolved.later] : [];
}

/**
 * The first instant at which the zone's clocks show `wallMs` or later: the earlier reading in an
 * overlap, the end of the gap for a time that is skipped. Never decreases as `wallMs` grows,
 * which is what working intervals and fixed-time schedules need.
 */
export function wallClockStart(wallMs: number, timeZone: string): number {
  const resolved = resolveWallClock(wallMs, timeZone);
  if (resolved.kind === "unique") return resolved.instant;
  return resolved.kind === "overlap" ? resolved.earlier : resolved.gapEnd;
}

/**
 * The instant of a local date and time. A time skipped by a spring-forward gap moves forward by
 * the gap (02:30 → 03:30 when 02:00 jumps to 03:00); a time repeated by a fall-back overlap is
 * read as the earlier instant. This is what `Temporal`'s "compatible" disambiguation and
 * `new Date(y, m, d, h, min)` do. Out-of-range fields roll over as in `Date.UTC` (hour 24 = next day).
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const resolved = resolveWallClock(wall, timeZone);
  if (resolved.kind === "unique") return resolved.instant;
  return resolved.kind === "overlap" ? resolved.earlier : resolved.shifted;
}
