import type { EntityContext } from "./entity";

/** A record's name in lists and summaries: its first text (else email) field, else its id.
 *  Pass data already redacted for the caller, so a hidden field never names a record. */
export function recordTitle(ctx: Pick<EntityContext, "form">, data: Record<string, unknown>, id: string): string {
  const field = ctx.form.fields.find((f) => f.type === "text") ?? ctx.form.fields.find((f) => f.type === "email");
  const value = field ? data[field.name] : undefined;
  return typeof value === "string" && value.trim() ? value : `#${id}`;
}
