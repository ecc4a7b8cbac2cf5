import { RELATIVE_NOW_RE, USER_TOKEN } from "../config/condition";
import type { FormField } from "../config/form";
import { coerceValue } from "./coerce";

// A field's `default` fills it on create when the input leaves it out. Besides literal values,
// the condition tokens mean what they mean there: "$now", "$now+2d" for date and datetime fields
// (dates are UTC calendar days: the form has no zone of its own), "$user" for user fields.

export type DefaultContext = { now: number; userId?: string };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

function expandToken(field: FormField, value: unknown, ctx: DefaultContext): unknown {
  if (typeof value !== "string") return value;
  if (field.type === "user" && value === USER_TOKEN) return ctx.userId ?? null;
  if (field.type !== "date" && field.type !== "datetime") return value;
  const match = RELATIVE_NOW_RE.exec(value);
  if (!match) return value;
  const offset = match[1] ? Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS] : 0;
  const at = new Date(match[1] === "-" ? ctx.now - offset : ctx.now + offset);
  return field.type === "date" ? at.toISOString().slice(0, 10) : at.toISOString();
}

/**
 * The stored value of the field's default, or null when it has none. A default the field's own
 * rules reject (publish does not check, say, a date default's format) leaves the field empty
 * rather than failing every create with an error the user cannot fix.
 */
export function defaultValue(field: FormField, ctx: DefaultContext): unknown {
  if (field.default === undefined || field.default === null) return null;
  const result = coerceValue(field, expandToken(field, field.default, ctx));
  return result.ok ? result.value : null;
}
