// Keeping an open form in step with the world: a new config version (keep what was typed in
// fields that still exist, add new fields with their defaults, drop removed ones) and a newer
// version of the record (take it unless the user has unsaved edits).
import { valueTypeOf } from "@shared/config/field-types";
import { useLayoutEffect, useRef } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { FormField } from "@shared/config/form";
import { codecs, initialInput, type InputValues } from "./form-values";

function hasShape(field: FormField, value: unknown): boolean {
  const { empty } = codecs[valueTypeOf(field)];
  return Array.isArray(empty) ? Array.isArray(value) : typeof value === typeof empty;
}

/** Inputs for `fields`, keeping `current` values where the field (and its value's shape) survives. */
export function carryOver(
  fields: readonly FormField[],
  current: InputValues,
  data: Record<string, unknown> | undefined,
  userId?: string,
): InputValues {
  const next: InputValues = {};
  for (const field of fields) {
    const held = current[field.name];
    next[field.name] =
      Object.hasOwn(current, field.name) && hasShape(field, held) ? held! : initialInput(field, { data, userId });
  }
  return next;
}

export function useConfigSync(
  methods: UseFormReturn<InputValues>,
  fields: readonly FormField[],
  data: Record<string, unknown> | undefined,
  userId: string | undefined,
): void {
  const shape = fields.map((f) => `${f.name}:${f.type}`).join(",");
  const previous = useRef(shape);
  const latest = useRef({ fields, data, userId });
  latest.current = { fields, data, userId };

  // A layout effect, so nothing typed between the new config's render and this reset is lost.
  useLayoutEffect(() => {
    if (previous.current === shape) return;
    const before = new Set(previous.current.split(",").map((s) => s.split(":")[0]!));
    previous.current = shape;
    const { fields: now, data: base, userId: user } = latest.current;
    const next = carryOver(now, methods.getValues(), base, user);
    const gone = [...before].filter((name) => !Object.hasOwn(next, name));
    methods.reset(next, { keepErrors: true, keepTouched: true, keepIsSubmitted: true, keepSubmitCount: true });
    if (gone.length > 0) methods.clearErrors(gone);
  }, [shape, methods]);
}
