// Five-field cron: minute hour day-of-month month day-of-week.
// Accepted in each field: `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b-c`,
// month names `jan`–`dec` and weekday names `sun`–`sat` (also in ranges: `mon-fri`); 7 is Sunday.
// Rejected: six-field (seconds) forms, `@daily`-style macros, and Quartz extras `? L W #`.

export type CronSchedule = {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[]; // 0 = Sunday … 6 = Saturday
  // Classic cron: when both day fields are restricted, a day matches if EITHER matches.
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
};

type FieldSpec = { min: number; max: number; names?: readonly string[] };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 7, names: DAYS },
];

function parseAtom(atom: string, spec: FieldSpec): number | null {
  const lower = atom.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  // Month names are 1-based, weekday names 0-based, matching their numbers.
  if (named >= 0) return named + (spec.names === MONTHS ? 1 : 0);
  if (!/^\d{1,2}$/.test(atom)) return null;
  const value = Number(atom);
  return value >= spec.min && value <= spec.max ? value : null;
}

function parsePart(part: string, spec: FieldSpec): number[] | null {
  const [range, stepText, extra] = part.split("/");
  if (range === undefined || extra !== undefined) return null;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) return null;
  let from: number | null = spec.min;
  let to: number | null = spec.max;
  if (range !== "*") {
    const [a, b, more] = range.split("-");
    if (a === undefined || more !== undefined) return null;
    from = parseAtom(a, spec);
    // `5/15` means "from 5 to the end, every 15".
    to = b !== undefined ? parseAtom(b, spec) : stepText !== undefined ? spec.max : from;
  }
  if (from === null || to === null || from > to) return null;
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function parseField(text: string, spec: FieldSpec): number[] | null {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const parsed = parsePart(part, spec);
    if (!parsed) return null;
    parsed.forEach((v) => values.add(v));
  }
  return [...values].sort((a, b) => a - b);
}

/** The expanded schedule of a five-field cron expression, or null when it is not valid. */
export function parseCron(expression: string): CronSchedule | null {
  const texts = expression.trim().split(/\s+/);
  if (texts.length !== 5) return null;
  const fields = texts.map((text, i) => parseField(text, FIELDS[i]!));
  const [minute, hour, dayOfMonth, month, dow] = fields;
  if (!minute || !hour || !dayOfMonth || !month || !dow) return null;
  return {
    minute,
    hour,
    dayOfMonth,
    month,
    dayOfWeek: [...new Set(dow.map((d) => d % 7))].sort((a, b) => a - b),
    dayOfMonthRestricted: !texts[2]!.startsWith("*"),
    dayOfWeekRestricted: !texts[4]!.startsWith("*"),
  };
}

export function isValidCron(expression: string): boolean {
  return parseCron(expression) !== null;
}
