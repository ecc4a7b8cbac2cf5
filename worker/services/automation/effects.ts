import { isUniqueViolation } from "../../db/d1-errors";
import { automationEffects } from "../../db/schema";
import type { TenantDb } from "../../db/tenant-db";

/** The row that marks a step's D1 effect as done; it rides in the same batch as the effect. */
export function effectInsert(tdb: TenantDb, key: string, now: number) {
  return tdb.db.insert(automationEffects).values(tdb.own({ key, createdAt: now }));
}

/** A batch that failed only because its effect row exists was already applied by an earlier try. */
export const alreadyApplied = (error: unknown) => isUniqueViolation(error, "automation_effects");

/** Runs a step whose effect commits with `effectInsert`; a repeat is reported, not redone. */
export async function once<T>(apply: () => Promise<T>): Promise<T | { alreadyApplied: true }> {
  try {
    return await apply();
  } catch (error) {
    if (alreadyApplied(error)) return { alreadyApplied: true };
    throw error;
  }
}
