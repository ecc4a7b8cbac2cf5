import { valueTypeOf } from "./field-types";
import type { Condition } from "./condition";
import type { FormConfig } from "./form";
import { getItem, type Snapshot } from "./snapshot";

// What evaluating an entity's conditions needs besides the record, read from one snapshot:
// its fields' types, the tenant's time zone and its named conditions. Spread into an EvalContext.

export type ConditionScope = {
  types: ReadonlyMap<string, string>;
  timeZone: string;
  resolveRef: (key: string) => Condition | undefined;
};

// Computed fields count as the type they store (a formula's resultType, a roll-up's number).
export function fieldTypesOf(
  form: { fields: readonly Pick<FormConfig["fields"][number], "name" | "type" | "resultType">[] } | undefined,
): Map<string, string> {
  return new Map((form?.fields ?? []).map((f) => [f.name, valueTypeOf(f)]));
}

/** The tenant's locale settings (theme/tenant/default): time zone (default UTC), phone country. */
export function tenantLocale(snapshot: Snapshot): { timeZone: string; defaultCountry?: string } {
  const theme = getItem(snapshot, "theme", "tenant", "default");
  return { timeZone: theme?.timezone ?? "UTC", defaultCountry: theme?.defaultCountry };
}

export function conditionScope(snapshot: Snapshot, entity: string): ConditionScope {
  return {
    types: fieldTypesOf(getItem(snapshot, "form", entity, "default")),
    timeZone: tenantLocale(snapshot).timeZone,
    resolveRef: (key) => getItem(snapshot, "condition", entity, key),
  };
}
