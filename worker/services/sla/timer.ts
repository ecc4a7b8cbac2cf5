import type { TimerState } from "../../shared/sla-timer";
import { addWorkingMinutes, workingMinutesBetween, type Calendar } from "../../shared/time/business-calendar";

// One SLA target on one record, as a pure value with pure transitions: the tenant object keeps
// timers in SQLite and only decides through these functions, so tests can move time freely.
//
// Time is counted in working minutes of the policy's calendar. A timer consumes minutes while
// running; pausing banks what was consumed; resuming starts a new running segment. Due and
// warning instants are recomputed from the current segment, so they never drift.

export type Timer = {
  id: string;
  entity: string;
  recordId: string;
  policy: string;
  metric: string;
  /** Timers keep the config version (policy, calendar) they started under. */
  configVersion: number;
  state: TimerState;
  targetMinutes: number;
  warnAtPercent: number[];
  /** Percentages whose warning has fired. */
  warned: number[];
  breached: boolean;
  startedAt: number;
  segmentStart: number;
  consumedMinutes: number;
  pausedAt: number | null;
  pausedMs: number;
  dueAt: number;
  /** When each warning falls (or fell), as of the last planning. */
  warnAts: number[];
  completedAt: number | null;
  /** The next warning or breach instant (null when nothing more can fire). */
  nextFireAt: number | null;
};

export type Firing = { kind: "warning" | "breach"; percent?: number; at: number };

export function startTimer(
  base: Pick<
    Timer,
    "id" | "entity" | "recordId" | "policy" | "metric" | "configVersion" | "targetMinutes" | "warnAtPercent"
  >,
  calendar: Calendar,
  now: number,
): Timer {
  return plan(
    {
      ...base,
      state: "running",
      warned: [],
      breached: false,
      startedAt: now,
      segmentStart: now,
      consumedMinutes: 0,
      pausedAt: null,
      pausedMs: 0,
      dueAt: now,
      warnAts: [],
      completedAt: null,
      nextFireAt: null,
    },
    calendar,
  );
}

/** The instant at which `minutes` of the target have been consumed, in the current segment. */
const instantOf = (t: Timer, calendar: Calendar, minutes: number) =>
  addWorkingMinutes(calendar, t.segmentStart, Math.max(0, minutes - t.consumedMinutes));

/** Recomputes the due time and the next firing of a running (or breached, still open) timer. */
export function plan(t: Timer, calendar: Calendar): Timer {
  if (t.state === "paused" || t.completedAt !== null) return { ...t, nextFireAt: null };
  const dueAt = instantOf(t, calendar, t.targetMinutes);
  const warnAts = t.warnAtPercent.map((p) => instantOf(t, calendar, (t.targetMinutes * p) / 100));
  const pending = warnAts.filter((_, i) => !t.warned.includes(t.warnAtPercent[i]!));
  const candidates = [...pending, ...(t.breached ? [] : [dueAt])];
  return { ...t, dueAt, warnAts, nextFireAt: candidates.length ? Math.min(...candidates) : null };
}

/** What is due at `now`, in order; call `applyFirings` after acting on them. */
export function dueFirings(t: Timer, calendar: Calendar, now: number): Firing[] {
  if (t.state === "paused" || t.completedAt !== null) return [];
  const firings: Firing[] = t.warnAtPercent
    .filter((p) => !t.warned.includes(p))
    .map((p) => ({ kind: "warning" as const, percent: p, at: instantOf(t, calendar, (t.targetMinutes * p) / 100) }))
    .filter((f) => f.at <= now);
  if (!t.breached && t.dueAt <= now) firings.push({ kind: "breach", at: t.dueAt });
  return firings.sort((a, b) => a.at - b.at);
}

export function applyFirings(t: Timer, firings: Firing[], calendar: Calendar): Timer {
  const warned = [...t.warned, ...firings.filter((f) => f.kind === "warning").map((f) => f.percent!)];
  const breached = t.breached || firings.some((f) => f.kind === "breach");
  return plan({ ...t, warned, breached, state: breached ? "breached" : t.state }, calendar);
}

export function pauseTimer(t: Timer, calendar: Calendar, now: number): Timer {
  if (t.state !== "running" && !(t.state === "breached" && t.completedAt === null)) return t;
  const consumed = t.consumedMinutes + workingMinutesBetween(calendar, t.segmentStart, now);
  return { ...t, state: "paused", consumedMinutes: consumed, pausedAt: now, nextFireAt: null };
}

export function resumeTimer(t: Timer, calendar: Calendar, now: number): Timer {
  if (t.state !== "paused" || t.pausedAt === null) return t;
  return plan(
    {
      ...t,
      state: t.breached ? "breached" : "running",
      segmentStart: now,
      pausedMs: t.pausedMs + (now - t.pausedAt),
      pausedAt: null,
    },
    calendar,
  );
}

/** The target's stop condition holds: met if it was not breached by then. */
export function completeTimer(t: Timer, calendar: Calendar, now: number): Timer {
  if (t.completedAt !== null || t.state === "cancelled") return t;
  const resumed = t.state === "paused" ? resumeTimer(t, calendar, now) : t;
  const late = resumed.breached || resumed.dueAt < now;
  return { ...resumed, state: late ? "breached" : "met", breached: late, completedAt: now, nextFireAt: null };
}

export function cancelTimer(t: Timer, now: number): Timer {
  if (t.completedAt !== null) return t;
  return { ...t, state: "cancelled", completedAt: now, nextFireAt: null };
}

/** Open timers are those that may still change. */
export const isOpen = (t: Timer) => t.completedAt === null;
