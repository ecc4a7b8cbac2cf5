import { NUMERIC_FIELD_TYPES, STRING_FIELD_TYPES, valueTypeOf } from "../config/field-types";
import type { FormField } from "../config/form";

// The settings a coerced, non-empty value must also meet: min/max, minLength/maxLength, pattern.
// Publish only lets these settings onto the types they apply to (see config/form.ts).

type Bounded = Pick<FormField, "type" | "min" | "max" | "minLength" | "maxLength" | "pattern">;

/** A message for every setting `value` breaks; empty when it meets them all. */
export function constraintErrors(field: Bounded, value: unknown): string[] {
  if (NUMERIC_FIELD_TYPES[valueTypeOf(field)] && typeof value === "number") return boundErrors(field, value);
  if (STRING_FIELD_TYPES[valueTypeOf(field)] && typeof value === "string") {
    return [...lengthErrors(field, value), ...patternErrors(field, value)];
  }
  return [];
}

function boundErrors(field: Bounded, value: number): string[] {
  const errors: string[] = [];
  if (field.min !== undefined && value < field.min) errors.push(`must be at least ${field.min}`);
  if (field.max !== undefined && value > field.max) errors.push(`must be at most ${field.max}`);
  return errors;
}

function lengthErrors(field: Bounded, value: string): string[] {
  // Characters as a person counts them (code points), so an emoji is one, not two.
  const length = [...value].length;
  const errors: string[] = [];
  if (field.minLength !== undefined && length < field.minLength) {
    errors.push(`must be at least ${field.minLength} characters long`);
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    errors.push(`must be at most ${field.maxLength} characters long`);
  }
  return errors;
}

function patternErrors(field: Bounded, value: string): string[] {
  if (field.pattern === undefined) return [];
  const matcher = fullMatcher(field.pattern);
  return matcher === null || matcher.test(value) ? [] : ["does not match the required format"];
}

// Patterns come from published config: a handful per tenant, compiled once per isolate.
const MAX_CACHED = 500;
const compiled = new Map<string, RegExp | null>();

/**
 * A pattern must match the whole value, as HTML's `pattern` attribute does: admins write
 * `[A-Z]{3}-\d+` meaning "exactly that", and the browser's own check agrees. Unicode mode first;
 * publish only checked that the pattern compiles without flags, so fall back to that. A pattern
 * that compiles in neither way constrains nothing.
 */
export function fullMatcher(pattern: string): RegExp | null {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  if (compiled.size >= MAX_CACHED) compiled.clear();
  const matcher = compile(`^(?:${pattern})$`, "u") ?? compile(`^(?:${pattern})$`, "");
  compiled.set(pattern, matcher);
  return matcher;
}

function compile(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}
