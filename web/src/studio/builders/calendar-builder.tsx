// calendar/tenant/<key>: the working week (several intervals a day) and holidays, in a time zone.
import { format, isValid, parseISO } from "date-fns";
import { type CalendarConfig, WEEKDAYS, type Weekday } from "@shared/config/calendar";
import { StringListControl } from "../controls/list-controls";
import { TimeZoneControl } from "../controls/time-zone-control";
import { GroupControl } from "../controls/group-control";
import { ItemButtons } from "../controls/sortable-list";
import { ControlErrors, useControl } from "../errors/errors-context";
import { asList, patch, removeAt, replaceAt } from "../patch";
import { childPath } from "../paths";
import type { BuilderProps } from "./builder-props";

const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
type Interval = [string, string];

function weekday(date: string): string | null {
  const parsed = parseISO(date);
  return date && isValid(parsed) ? format(parsed, "EEEE") : null;
}

export function CalendarBuilder({ value, onChange }: BuilderProps<CalendarConfig>) {
  const hours = value.hours ?? {};
  const setDay = (day: Weekday, intervals: Interval[]) =>
    onChange({ ...value, hours: patch(hours, { [day]: intervals.length ? intervals : undefined }) });
  return (
    <div className="builder">
      <section className="builder-section" aria-labelledby="cal-basics">
        <h2 id="cal-basics" className="builder-section-title">
          Calendar
        </h2>
        <TimeZoneControl
          path="timezone"
          label="Time zone"
          value={value.timezone}
          onChange={(timezone) => onChange({ ...value, timezone: timezone ?? "" })}
        />
      </section>
      <section className="builder-section" aria-labelledby="cal-hours">
        <h2 id="cal-hours" className="builder-section-title">
          Working hours
        </h2>
        <GroupControl
          path="hours"
          legend="Each day's working intervals"
          hint="A day with no interval is not worked. 24:00 ends a day at midnight."
        >
          <div className="week">
            {WEEKDAYS.map((day) => (
              <DayEditor
                key={day}
                day={day}
                intervals={asList(hours[day]) as Interval[]}
                onChange={(next) => setDay(day, next)}
              />
            ))}
          </div>
        </GroupControl>
      </section>
      <section className="builder-section" aria-labelledby="cal-holidays">
        <h2 id="cal-holidays" className="builder-section-title">
          Holidays
        </h2>
        <StringListControl
          path="holidays"
          legend="Days off"
          inputType="date"
          newItem={new Date().toISOString().slice(0, 10)}
          value={value.holidays}
          describe={weekday}
          addLabel="Add holiday"
          onChange={(holidays) => onChange(patch(value, { holidays: holidays ? [...holidays].sort() : undefined }))}
        />
      </section>
    </div>
  );
}

function DayEditor({
  day,
  intervals,
  onChange,
}: {
  day: Weekday;
  intervals: Interval[];
  onChange: (next: Interval[]) => void;
}) {
  const path = childPath("hours", day);
  const last = intervals.at(-1);
  const add = () =>
    onChange([...intervals, last ? [last[1] === "24:00" ? "23:00" : last[1], "24:00"] : ["09:00", "17:00"]]);
  return (
    <div className="day-row" role="group" aria-label={DAY_NAMES[day]}>
      <span className="day-name">{DAY_NAMES[day]}</span>
      <div className="day-intervals">
        {intervals.length === 0 && <span className="muted">Closed</span>}
        {intervals.map((interval, i) => (
          <IntervalEditor
            key={i}
            path={childPath(path, i)}
            label={`${DAY_NAMES[day]} interval ${i + 1}`}
            interval={interval}
            index={i}
            count={intervals.length}
            onChange={(next) => onChange(replaceAt(intervals, i, next))}
            onRemove={() => onChange(removeAt(intervals, i))}
          />
        ))}
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={add}
        aria-label={`Add interval on ${DAY_NAMES[day]}`}
      >
        Add interval
      </button>
    </div>
  );
}

function IntervalEditor({
  path,
  label,
  interval,
  index,
  count,
  onChange,
  onRemove,
}: {
  path: string;
  label: string;
  interval: Interval;
  index: number;
  count: number;
  onChange: (i: Interval) => void;
  onRemove: () => void;
}) {
  const start = useControl(childPath(path, 0));
  const end = useControl(childPath(path, 1));
  const errors = [...start.errors, ...end.errors];
  return (
    <div className="interval">
      <div className="row">
        {/* HH:MM text for both ends: a time input shows 12-hour clocks in some locales and can't say 24:00. */}
        <input
          className="input input-compact time-text"
          type="text"
          inputMode="numeric"
          placeholder="09:00"
          aria-label={`${label} start`}
          {...start.a11y}
          value={interval[0] ?? ""}
          onChange={(e) => onChange([e.target.value, interval[1]])}
        />
        <span aria-hidden="true">–</span>
        <input
          className="input input-compact time-text"
          type="text"
          inputMode="numeric"
          placeholder="17:00"
          aria-label={`${label} end`}
          {...end.a11y}
          value={interval[1] ?? ""}
          onChange={(e) => onChange([interval[0], e.target.value])}
        />
        <ItemButtons index={index} count={count} name={label} onRemove={onRemove} />
      </div>
      <ControlErrors id={start.errorId ?? end.errorId} errors={errors} />
    </div>
  );
}
