// Property-level differences between two JSON values, for reading a change at a glance.
import { canonicalJson } from "@shared/config/hash";
import { isObject } from "../patch";
import { childPath } from "../paths";

export type JsonChange = { path: string; kind: "added" | "removed" | "changed"; before?: unknown; after?: unknown };

/** Every property added, removed or changed, deepest first where objects and arrays nest. */
export function jsonChanges(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (before === undefined) return [{ path, kind: "added", after }];
  if (after === undefined) return [{ path, kind: "removed", before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => jsonChanges(before[k], after[k], childPath(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => jsonChanges(before[i], after[i], childPath(path, i))).flat();
  }
  return [{ path, kind: "changed", before, after }];
}
