// The server's own item validation, run in the browser as the admin types (debounced).
import { useEffect, useRef, useState } from "react";
import type { ConfigError } from "@shared/config/issues";
import type { Namespace } from "@shared/config/namespaces";
import type { Snapshot } from "@shared/config/snapshot";
import { validateItem } from "@shared/config/validate";

export function useClientValidation(
  ns: Namespace,
  entity: string,
  key: string,
  config: unknown,
  snapshot: Snapshot,
  delayMs = 300,
): ConfigError[] {
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const first = useRef(true);
  useEffect(() => {
    const timer = setTimeout(
      () => {
        try {
          setErrors(validateItem(ns, entity, key, config, snapshot));
        } catch (error) {
          setErrors([{ path: "", message: `Couldn't check this config: ${(error as Error).message}` }]);
        }
      },
      first.current ? 0 : delayMs,
    );
    first.current = false;
    return () => clearTimeout(timer);
  }, [ns, entity, key, config, snapshot, delayMs]);
  return errors;
}

/** Both lists, each error once. */
export function mergeErrors(...lists: ConfigError[][]): ConfigError[] {
  const seen = new Set<string>();
  return lists.flat().filter((e) => {
    const id = `${e.path}\u0000${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
