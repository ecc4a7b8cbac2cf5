import { z } from "zod";
import { timeZoneSchema } from "./common";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

// "24:00" is allowed as an end so a day can run to midnight.
const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(TIME_RE, "must be HH:MM (00:00–23:59)");
const endTime = z.string().refine((s) => TIME_RE.test(s) || s === "24:00", "must be HH:MM (00:00–24:00)");

/** Minutes since midnight of "HH:MM". */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const intervalsSchema = z
  .array(z.tuple([time, endTime]))
  .max(12)
  .superRefine((intervals, ctx) => {
    let previousEnd = -1;
    intervals.forEach(([start, end], i) => {
      if (minutesOfDay(start) >= minutesOfDay(end)) {
        ctx.addIssue({ code: "custom", message: "must end after it starts", path: [i, 1] });
      } else if (minutesOfDay(start) < previousEnd) {
        ctx.addIssue({ code: "custom", message: "intervals must be in order and not overlap", path: [i, 0] });
      }
      previousEnd = Math.max(previousEnd, minutesOfDay(end));
    });
  });

const isoDate = z.iso.date("must be a date YYYY-MM-DD");

// A day that is absent or [] is not worked.
const hoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, intervalsSchema.optional()])) as Record<
    Weekday,
    z.ZodOptional<typeof intervalsSchema>
  >,
);

export const calendarSchema = z
  .strictObject({
    timezone: timeZoneSchema,
    hours: hoursSchema,
    holidays: z.array(isoDate).max(1000).optional(),
  })
  .superRefine((cal, ctx) => {
    // Without any working time an SLA on this calendar could never fall due.
    if (!WEEKDAYS.some((day) => (cal.hours[day]?.length ?? 0) > 0)) {
      ctx.addIssue({ code: "custom", message: "needs at least one working interval", path: ["hours"] });
    }
  });
export type CalendarConfig = z.infer<typeof calendarSchema>;
