import type { Namespace } from "../../../../worker/shared/config/namespaces";
import type { Snapshot } from "../../../../worker/shared/config/snapshot";
import { starterSnapshot } from "../../../../worker/shared/config/starter";
import { validateItem } from "../../../../worker/shared/config/validate";

const TENANT_WIDE: readonly string[] = ["calendar", "theme", "dashboard"];

/** Errors of one item validated into the starter snapshot (or `snapshot`). */
export function errorsOf(
  ns: Namespace,
  config: unknown,
  opts: { entity?: string; key?: string; snapshot?: Snapshot } = {},
) {
  const entity = opts.entity ?? (TENANT_WIDE.includes(ns) ? "tenant" : "cases");
  return validateItem(ns, entity, opts.key ?? "test_item", config, opts.snapshot ?? starterSnapshot());
}

/** Just the paths of those errors, for compact assertions. */
export function pathsOf(ns: Namespace, config: unknown, opts: Parameters<typeof errorsOf>[2] = {}): string[] {
  return errorsOf(ns, config, opts).map((e) => e.path);
}
